package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.time.Duration;
import java.util.Iterator;

/**
 * Keeps the elements whose timestamp is within {@code keep} of the newest element of the window:
 * removes those at or before {@code newest - keep}. Elements without timestamps are kept.
 *
 * <pre>{@code
 * .window(GlobalWindows.create()).trigger(CountTrigger.of(10)).evictor(TimeEvictor.of(Duration.ofSeconds(5)))
 * }</pre>
 */
@Public
public final class TimeEvictor implements Evictor<Object, Window> {
  private static final long serialVersionUID = 1L;

  private final long keep;
  private final boolean after;

  private TimeEvictor(long keep, boolean after) {
    this.keep = keep;
    this.after = after;
  }

  public static TimeEvictor of(Duration keep) {
    return new TimeEvictor(WindowAssigner.positiveMillis(keep, "time evictor span"), false);
  }

  /** @param evictAfter evict after the window function rather than before */
  public static TimeEvictor of(Duration keep, boolean evictAfter) {
    return new TimeEvictor(WindowAssigner.positiveMillis(keep, "time evictor span"), evictAfter);
  }

  @Override
  public void evictBefore(Iterable<TimestampedValue<Object>> elements, int size, Window window,
      Context ctx) {
    if (!after) {
      evict(elements);
    }
  }

  @Override
  public void evictAfter(Iterable<TimestampedValue<Object>> elements, int size, Window window,
      Context ctx) {
    if (after) {
      evict(elements);
    }
  }

  private void evict(Iterable<TimestampedValue<Object>> elements) {
    long newest = Long.MIN_VALUE;
    for (TimestampedValue<Object> e : elements) {
      if (e.hasTimestamp()) {
        newest = Math.max(newest, e.timestamp());
      }
    }
    if (newest == Long.MIN_VALUE) {
      return;
    }
    long cutoff = newest - keep;
    for (Iterator<TimestampedValue<Object>> it = elements.iterator(); it.hasNext(); ) {
      TimestampedValue<Object> e = it.next();
      if (e.hasTimestamp() && e.timestamp() <= cutoff) {
        it.remove();
      }
    }
  }

  @Override
  public String toString() {
    return "TimeEvictor(" + keep + " ms)";
  }
}
