package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.util.Collection;

/**
 * An assigner whose windows may merge as elements arrive, as sessions do: a new element's window
 * that overlaps existing windows of its key merges with them into one window, whose contents and
 * trigger state are merged too.
 *
 * <pre>{@code
 * stream.keyBy(Click::user).window(EventTimeSessionWindows.withGap(Duration.ofMinutes(30)))
 * }</pre>
 *
 * @param <T> element type
 * @param <W> window type
 */
@Public
public abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
  private static final long serialVersionUID = 1L;

  /** Finds which of {@code windows} merge, calling {@code callback} once per merged group. */
  public abstract void mergeWindows(Collection<W> windows, MergeCallback<W> callback);

  /** Told about one group of windows that merge into {@code mergeResult}. */
  public interface MergeCallback<W> {
    void merge(Collection<W> toBeMerged, W mergeResult);
  }
}
