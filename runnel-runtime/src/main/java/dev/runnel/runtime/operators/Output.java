package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;

/**
 * Where an operator emits: to the next operator of its chain (a direct call) or to a channel
 * towards another subtask. Called only by the thread running the operator's subtask.
 *
 * <p>A call may run downstream operators' code; if that code fails, the call throws an {@link
 * dev.runnel.api.OperatorException} naming the downstream operator.
 */
public interface Output {
  /** The timestamp of a record that has none. */
  long NO_TIMESTAMP = Long.MIN_VALUE;

  void emit(Object record, long timestamp);

  /** Emits to the side output {@code tag}; without a consumer of that tag the record is counted and dropped. */
  void emitSide(OutputTag<?> tag, Object record, long timestamp);

  void emitWatermark(long watermark);

  /** The operator's input became idle (or active again); see {@code WatermarkOutput.markIdle}. */
  void emitWatermarkStatus(boolean idle);
}
