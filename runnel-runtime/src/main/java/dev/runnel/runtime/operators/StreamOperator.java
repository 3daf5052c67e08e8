package dev.runnel.runtime.operators;

import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;

/**
 * One step of a chain, run by one subtask's thread.
 *
 * <p>Lifecycle: {@link #setup} once, {@link #open} once (downstream operators of the chain are
 * opened first), then any number of {@link #processElement} and {@link #processWatermark} calls,
 * then {@link #finish} once if the input ended normally (upstream operators are finished first,
 * and may still emit), then {@link #close} once, always, also after a failure or a cancellation.
 */
public abstract class StreamOperator {
  protected OperatorContext context;
  protected Output output;

  public void setup(OperatorContext context, Output output) {
    this.context = context;
    this.output = output;
  }

  public OperatorContext context() {
    return context;
  }

  public void open() throws Exception {}

  public abstract void processElement(Object record, long timestamp) throws Exception;

  /** Event time has advanced; the default forwards the watermark. */
  public void processWatermark(long watermark) throws Exception {
    output.emitWatermark(watermark);
  }

  /** The input became idle or active again; the default forwards it. */
  public void processWatermarkStatus(boolean idle) throws Exception {
    output.emitWatermarkStatus(idle);
  }

  /** The input has ended normally: emit whatever is still held back. */
  public void finish() throws Exception {}

  /**
   * The synchronous phase of a checkpoint, between two elements: hand over to {@code writer} what
   * the keyed state backend does not hold (timers, in-memory indexes of keys, positions). The
   * runtime snapshots the keyed state backend itself. The default hands over nothing.
   */
  public void snapshotState(OperatorSnapshotWriter writer) throws Exception {}

  /**
   * Restore, after {@link #open} and before the first element: take back what {@link
   * #snapshotState} handed over (for this subtask's key groups and share of operator state). The
   * keyed state backend is already restored. Not called on a fresh start.
   */
  public void restoreState(OperatorStateReader reader) throws Exception {}

  /** Checkpoint {@code checkpointId} is complete (and its output committed). */
  public void notifyCheckpointComplete(long checkpointId) throws Exception {}

  /** Releases resources. Must tolerate being called when {@link #open} failed half way. */
  public void close() throws Exception {}
}
