package dev.runnel.runtime.operators;

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

  /** Releases resources. Must tolerate being called when {@link #open} failed half way. */
  public void close() throws Exception {}
}
