package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;

/**
 * Feeds the next operator of a chain by a direct method call: no queue, no copy. It is also where
 * a failure is pinned on the operator that caused it, with the record it was processing.
 */
public final class ChainedOutput implements Output {
  private final StreamOperator target;
  private final OperatorCounters targetCounters;

  public ChainedOutput(StreamOperator target) {
    this.target = target;
    this.targetCounters = target.context().counters();
  }

  @Override
  public void emit(Object record, long timestamp) {
    targetCounters.recordsIn++;
    try {
      target.processElement(record, timestamp);
    } catch (Exception e) {
      throw target.context().failureOf(e, record);
    }
  }

  @Override
  public void emitSide(OutputTag<?> tag, Object record, long timestamp) {
    throw new IllegalStateException("side outputs are routed before they reach a chained operator");
  }

  @Override
  public void emitWatermarkStatus(boolean idle) {
    try {
      target.processWatermarkStatus(idle);
    } catch (Exception e) {
      throw target.context().failureOf(e);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    try {
      target.processWatermark(watermark);
    } catch (Exception e) {
      throw target.context().failureOf(e);
    }
  }
}
