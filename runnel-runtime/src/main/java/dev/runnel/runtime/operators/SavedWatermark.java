package dev.runnel.runtime.operators;

import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;

/**
 * An operator's watermark in a checkpoint, for the operators that keep it (those whose late-data
 * decisions must not change across a restore). It is operator state, which a restore at another
 * parallelism deals round robin; so each subtask writes it {@code maxParallelism} times, and at any
 * new parallelism (never above {@code maxParallelism}) every new subtask is dealt at least one copy
 * from every old subtask, and takes the smallest: the watermark all of its keys had passed.
 */
public final class SavedWatermark {
  private SavedWatermark() {}

  public static void write(OperatorSnapshotWriter writer, String name, long watermark,
      int maxParallelism) {
    for (int i = 0; i < maxParallelism; i++) {
      writer.addOperatorState(name, watermark);
    }
  }

  /** The smallest watermark dealt to this subtask, or {@code Long.MIN_VALUE} if none was. */
  public static long read(OperatorStateReader reader, String name) {
    long min = Long.MAX_VALUE;
    for (Object w : reader.operatorState(name)) {
      min = Math.min(min, (Long) w);
    }
    return min == Long.MAX_VALUE ? Long.MIN_VALUE : min;
  }
}
