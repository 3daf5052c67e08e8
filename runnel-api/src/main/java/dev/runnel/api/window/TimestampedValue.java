package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;

/**
 * An element of a window with its event timestamp, as {@link Evictor}s see it.
 *
 * <pre>{@code
 * for (TimestampedValue<Reading> r : elements) { if (r.timestamp() < cutoff) ... }
 * }</pre>
 *
 * @param value the element
 * @param timestamp its timestamp in epoch milliseconds; {@code Long.MIN_VALUE} if it has none
 */
@Public
public record TimestampedValue<T>(T value, long timestamp) {
  public boolean hasTimestamp() {
    return timestamp != Long.MIN_VALUE;
  }
}
