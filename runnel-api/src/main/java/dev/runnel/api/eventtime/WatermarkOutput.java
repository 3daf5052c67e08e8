package dev.runnel.api.eventtime;

import dev.runnel.api.annotation.Public;

/** Where a {@link WatermarkGenerator} emits. Watermarks that do not advance are ignored. */
@Public
public interface WatermarkOutput {
  /** Event time has reached {@code watermark}: no element at or before it is expected any more. */
  void emitWatermark(long watermark);

  /**
   * This input has no data for now: downstream operators stop waiting for its watermark until it
   * emits again. Emitting a watermark makes it active again.
   */
  void markIdle();

  /** Ends an idle period without emitting a watermark. */
  void markActive();
}
