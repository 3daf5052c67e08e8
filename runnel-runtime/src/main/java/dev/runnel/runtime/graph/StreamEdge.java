package dev.runnel.runtime.graph;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.internal.Partitioning;

/**
 * A connection between two steps after virtual nodes (partition, union, side output) have been
 * folded into it: which output of the producer (main, or a side output tag), and how its records
 * are partitioned over the consumer's subtasks.
 */
public final class StreamEdge {
  private final StreamNode source;
  private final StreamNode target;
  private final Partitioning.Kind partitioning;
  private final KeySelector<?, ?> keySelector;
  private final OutputTag<?> sideOutput;
  private final int targetInput;
  private boolean chained;

  StreamEdge(StreamNode source, StreamNode target, Partitioning.Kind partitioning,
      KeySelector<?, ?> keySelector, OutputTag<?> sideOutput, int targetInput) {
    if (targetInput != 1 && (targetInput != 2 || !target.isTwoInput())) {
      throw new IllegalArgumentException("edge into '" + target.name() + "' cannot feed its input "
          + targetInput);
    }
    this.targetInput = targetInput;
    this.source = source;
    this.target = target;
    this.partitioning = partitioning;
    this.keySelector = keySelector;
    this.sideOutput = sideOutput;
  }

  public StreamNode source() {
    return source;
  }

  public StreamNode target() {
    return target;
  }

  public Partitioning.Kind partitioning() {
    return partitioning;
  }

  /** The key selector of a key-group edge, else null. */
  public KeySelector<?, ?> keySelector() {
    return keySelector;
  }

  /** The side output this edge carries, or null for the main output. */
  public OutputTag<?> sideOutput() {
    return sideOutput;
  }

  /**
   * Which input of the target this edge feeds: 1 or 2 for a two-input target, always 1 for a
   * one-input target.
   */
  public int targetInput() {
    return targetInput;
  }

  /** True if the target runs in the source's chain, called directly instead of through a queue. */
  public boolean isChained() {
    return chained;
  }

  void markChained() {
    chained = true;
  }

  @Override
  public String toString() {
    return source.name() + " -" + partitioning + (sideOutput == null ? "" : "[" + sideOutput.id() + "]")
        + (chained ? " (chained)" : "") + "-> " + target.name()
        + (target.isTwoInput() ? " [input " + targetInput + "]" : "");
  }
}
