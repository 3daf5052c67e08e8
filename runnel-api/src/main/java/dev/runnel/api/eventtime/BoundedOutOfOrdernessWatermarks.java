package dev.runnel.api.eventtime;

import dev.runnel.api.annotation.Public;
import java.time.Duration;

/**
 * Event time trails the largest timestamp seen by a fixed bound: the watermark is {@code max
 * timestamp seen − bound − 1 ms}, so an element up to {@code bound} older than the newest one is
 * still on time. With a bound of zero this is the generator for monotonous timestamps.
 *
 * @param <T> element type
 */
@Public
public class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  private final long boundMillis;
  private long maxTimestamp;

  public BoundedOutOfOrdernessWatermarks(Duration bound) {
    if (bound.isNegative()) {
      throw new IllegalArgumentException("out-of-orderness bound must not be negative: " + bound);
    }
    this.boundMillis = bound.toMillis();
    // Start low enough that the first watermark cannot overflow below Long.MIN_VALUE.
    this.maxTimestamp = Long.MIN_VALUE + boundMillis + 1;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(maxTimestamp - boundMillis - 1);
  }
}
