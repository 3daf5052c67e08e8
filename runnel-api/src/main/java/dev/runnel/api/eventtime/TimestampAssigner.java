package dev.runnel.api.eventtime;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.Function;

/**
 * Reads an element's event time.
 *
 * <pre>{@code WatermarkStrategy.<Order>forBoundedOutOfOrderness(Duration.ofSeconds(5))
 *     .withTimestampAssigner((order, previous) -> order.timestamp().toEpochMilli())}</pre>
 *
 * @param <T> element type
 */
@Public
@FunctionalInterface
public interface TimestampAssigner<T> extends Function {
  /** The {@code recordTimestamp} of an element that had no timestamp before. */
  long NO_TIMESTAMP = Long.MIN_VALUE;

  /**
   * @param recordTimestamp the timestamp the element already carries (set by its source), or
   *     {@link #NO_TIMESTAMP}
   * @return the element's event time in epoch milliseconds
   */
  long extractTimestamp(T element, long recordTimestamp);
}
