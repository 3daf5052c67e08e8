package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;

/**
 * Puts each element into zero or more windows. Assigners are pure functions of the element, its
 * timestamp and (for processing-time assigners) the clock; the runtime copies them per subtask.
 *
 * <pre>{@code
 * stream.keyBy(Click::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
 * }</pre>
 *
 * @param <T> element type
 * @param <W> window type
 */
@Public
public abstract class WindowAssigner<T, W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The windows {@code element} belongs to.
   *
   * @param timestamp the element's event timestamp ({@code Long.MIN_VALUE} if it has none)
   */
  public abstract Collection<W> assignWindows(T element, long timestamp, Context context);

  /** The trigger used when {@code trigger(...)} is not called. */
  public abstract Trigger<T, W> getDefaultTrigger();

  /** Whether windows end with event time (watermarks) rather than processing time. */
  public abstract boolean isEventTime();

  /** What an assigner may ask the runtime. */
  public interface Context {
    /** The subtask's processing time in epoch milliseconds. */
    long currentProcessingTime();
  }

  /** Rejects a record with no timestamp in an event-time assigner, saying how to fix it. */
  protected static void requireTimestamp(long timestamp) {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalArgumentException("an event-time window got a record without a timestamp: "
          + "assign timestamps with a WatermarkStrategy at the source or with "
          + "assignTimestampsAndWatermarks(...), or use a processing-time window");
    }
  }

  /** {@code d} in milliseconds, required positive. */
  static long positiveMillis(Duration d, String what) {
    long ms = d.toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException(what + " must be at least 1 ms, was " + d);
    }
    return ms;
  }
}
