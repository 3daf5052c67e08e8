package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;

/**
 * Removes elements from a window when it fires, before and/or after the window function sees
 * them: remove through the iterator of {@code elements}. A window with an evictor keeps every
 * element (no incremental aggregation), since eviction needs them.
 *
 * <pre>{@code
 * // the last 100 elements of the window
 * .window(GlobalWindows.create()).trigger(CountTrigger.of(10)).evictor(CountEvictor.of(100))
 * }</pre>
 *
 * @param <T> element type
 * @param <W> window type
 */
@Public
public interface Evictor<T, W extends Window> extends Serializable {
  /** Called before the window function, with the window's elements in arrival order. */
  void evictBefore(Iterable<TimestampedValue<T>> elements, int size, W window, Context ctx);

  /** Called after the window function. */
  void evictAfter(Iterable<TimestampedValue<T>> elements, int size, W window, Context ctx);

  /** The current times. */
  interface Context {
    long currentProcessingTime();

    long currentWatermark();
  }
}
