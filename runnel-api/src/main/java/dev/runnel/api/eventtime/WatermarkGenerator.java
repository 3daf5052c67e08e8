package dev.runnel.api.eventtime;

import dev.runnel.api.annotation.Public;

/**
 * Decides when event time advances. One instance per source subtask (or per subtask of an
 * {@code assignTimestampsAndWatermarks} step), called from that subtask's thread only.
 *
 * <p>{@link #onEvent} sees every element with its timestamp; {@link #onPeriodicEmit} is called
 * every watermark interval of processing time ({@code StreamEnvironment.setWatermarkInterval},
 * 200 ms by default), or after every element when the interval is zero.
 *
 * @param <T> element type
 */
@Public
public interface WatermarkGenerator<T> {
  void onEvent(T event, long eventTimestamp, WatermarkOutput output);

  void onPeriodicEmit(WatermarkOutput output);
}
