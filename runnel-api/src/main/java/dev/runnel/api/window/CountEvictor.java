package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.util.Iterator;

/**
 * Keeps at most the {@code n} most recent elements of a window (before the window function, or
 * after it with {@link #of(long, boolean)}).
 *
 * <pre>{@code
 * stream.keyBy(k).countWindow(100, 10)   // GlobalWindows + CountTrigger.of(10) + CountEvictor.of(100)
 * }</pre>
 */
@Public
public final class CountEvictor implements Evictor<Object, Window> {
  private static final long serialVersionUID = 1L;

  private final long maxCount;
  private final boolean after;

  private CountEvictor(long maxCount, boolean after) {
    if (maxCount < 1) {
      throw new IllegalArgumentException("count evictor needs n >= 1, was " + maxCount);
    }
    this.maxCount = maxCount;
    this.after = after;
  }

  public static CountEvictor of(long n) {
    return new CountEvictor(n, false);
  }

  /** @param evictAfter evict after the window function rather than before */
  public static CountEvictor of(long n, boolean evictAfter) {
    return new CountEvictor(n, evictAfter);
  }

  @Override
  public void evictBefore(Iterable<TimestampedValue<Object>> elements, int size, Window window,
      Context ctx) {
    if (!after) {
      evict(elements, size);
    }
  }

  @Override
  public void evictAfter(Iterable<TimestampedValue<Object>> elements, int size, Window window,
      Context ctx) {
    if (after) {
      evict(elements, size);
    }
  }

  private void evict(Iterable<TimestampedValue<Object>> elements, int size) {
    long excess = size - maxCount;
    Iterator<TimestampedValue<Object>> it = elements.iterator();
    for (long i = 0; i < excess && it.hasNext(); i++) {
      it.next();
      it.remove();
    }
  }

  @Override
  public String toString() {
    return "CountEvictor(" + maxCount + ")";
  }
}
