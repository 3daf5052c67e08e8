package dev.runnel.runtime.operators.window;

import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.MergingWindowAssigner;
import dev.runnel.api.window.ProcessingTimeSessionWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.Window;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The windows of one key under a merging assigner (sessions), each mapped to its <em>state
 * window</em>: the namespace its contents are stored under. When windows merge, the merged window
 * keeps the state window of one of them, so the contents of only the others have to be moved.
 * Pure logic over a map that the caller keeps (in keyed state); not thread-safe.
 *
 * <pre>{@code
 * MergingWindowSet<TimeWindow> set = new MergingWindowSet<>(sessions, mapping);
 * set.addWindow(new TimeWindow(0, 10), onMerge);   // [0,10), its own state window
 * set.addWindow(new TimeWindow(5, 15), onMerge);   // [0,15): onMerge told, state window [0,10)
 * }</pre>
 *
 * @param <W> window type
 */
public final class MergingWindowSet<W extends Window> {
  /** Told about one merge, before the caller adds the new element. */
  public interface MergeFunction<W> {
    /**
     * @param mergeResult the window the group became
     * @param mergedWindows the windows of the group (possibly including the new window, and the
     *     result itself)
     * @param stateWindowResult the state window that the result keeps
     * @param mergedStateWindows the state windows whose contents must move into it
     */
    void merge(W mergeResult, Collection<W> mergedWindows, W stateWindowResult,
        Collection<W> mergedStateWindows) throws Exception;
  }

  private final MergingWindowAssigner<?, W> assigner;
  private final Map<W, W> mapping;
  /** The assigner merges time windows that overlap or touch ({@link TimeWindow#mergeWindows}). */
  private final boolean timeSessions;

  /** @param mapping window to state window; changed in place */
  public MergingWindowSet(MergingWindowAssigner<?, W> assigner, Map<W, W> mapping) {
    this.assigner = assigner;
    this.mapping = mapping;
    this.timeSessions = assigner instanceof EventTimeSessionWindows<?>
        || assigner instanceof ProcessingTimeSessionWindows;
  }

  /** The state window of {@code window}, or null if it is not (or no longer) in the set. */
  public W stateWindow(W window) {
    return mapping.get(window);
  }

  /** Removes {@code window}, which is being cleaned up. */
  public void retireWindow(W window) {
    if (mapping.remove(window) == null) {
      throw new IllegalStateException(window + " is not in the merging window set " + mapping);
    }
  }

  /** The map this set works on (window to state window). */
  Map<W, W> mapping() {
    return mapping;
  }

  public boolean isEmpty() {
    return mapping.isEmpty();
  }

  /**
   * Adds {@code newWindow}, merging it with the windows it overlaps; calls {@code mergeFunction}
   * for each merge that changes a window. Returns the window {@code newWindow} ended up in.
   */
  public W addWindow(W newWindow, MergeFunction<W> mergeFunction) throws Exception {
    if (mapping.isEmpty()) {
      mapping.put(newWindow, newWindow); // nothing to merge with
      return newWindow;
    }
    if (timeSessions && newWindow instanceof TimeWindow) {
      W result = addTimeWindow(newWindow, mergeFunction);
      if (result != null) {
        return result;
      }
    }
    return addWindowGeneral(newWindow, mergeFunction);
  }

  /**
   * {@link #addWindow} for time sessions when {@code newWindow} intersects at most one window of
   * the set, without the assigner's general merge; null (nothing changed) if it intersects more.
   *
   * <p>Same outcome as the general merge because the windows of the set never intersect one
   * another (every add merges all that do): the only group the merge can form is {@code newWindow}
   * with the windows it intersects (the cover of two intersecting windows is their union, so a
   * window intersecting the cover intersects one of them). That group, sorted by start as {@link
   * TimeWindow#mergeWindows} sorts it (stably, the new window last among equal starts), is {@code
   * [existing, newWindow]} or {@code [newWindow, existing]}; the existing window's state window is
   * kept and none is merged into it.
   */
  @SuppressWarnings("unchecked")
  private W addTimeWindow(W newWindow, MergeFunction<W> mergeFunction) throws Exception {
    TimeWindow added = (TimeWindow) newWindow;
    W hit = null;
    for (W w : mapping.keySet()) {
      if (((TimeWindow) w).intersects(added)) {
        if (hit != null) {
          return null; // bridges two or more: the general merge
        }
        hit = w;
      }
    }
    if (hit == null) {
      mapping.put(newWindow, newWindow);
      return newWindow;
    }
    TimeWindow existing = (TimeWindow) hit;
    if (existing.start() <= added.start() && existing.end() >= added.end()) {
      return hit; // inside the existing window: it does not change
    }
    W result = (W) existing.cover(added);
    W stateWindow = mapping.remove(hit);
    mapping.put(result, stateWindow);
    List<W> group = existing.start() <= added.start()
        ? List.of(hit, newWindow) : List.of(newWindow, hit);
    mergeFunction.merge(result, group, stateWindow, List.of());
    return result;
  }

  private W addWindowGeneral(W newWindow, MergeFunction<W> mergeFunction) throws Exception {
    List<W> windows = new ArrayList<>(mapping.size() + 1);
    windows.addAll(mapping.keySet());
    windows.add(newWindow);
    List<W> results = new ArrayList<>();
    List<Collection<W>> groups = new ArrayList<>();
    assigner.mergeWindows(windows, (group, result) -> {
      results.add(result);
      groups.add(List.copyOf(group));
    });

    W resultWindow = newWindow;
    boolean newWindowMerged = false;
    for (int i = 0; i < results.size(); i++) {
      W result = results.get(i);
      Collection<W> group = groups.get(i);
      if (group.contains(newWindow)) {
        newWindowMerged = true;
        resultWindow = result;
      }
      W stateWindow = null;
      W onlyExisting = null;
      int existing = 0;
      List<W> mergedStateWindows = new ArrayList<>();
      for (W w : group) {
        W s = mapping.remove(w);
        if (s == null) {
          continue; // the new window: no state yet
        }
        existing++;
        onlyExisting = w;
        if (stateWindow == null) {
          stateWindow = s;
        } else {
          mergedStateWindows.add(s);
        }
      }
      if (stateWindow == null) {
        throw new IllegalStateException("merge group " + group + " has no existing window");
      }
      mapping.put(result, stateWindow);
      boolean unchanged = existing == 1 && onlyExisting.equals(result);
      if (!unchanged) {
        mergeFunction.merge(result, group, stateWindow, mergedStateWindows);
      }
    }
    if (!newWindowMerged) {
      mapping.put(newWindow, newWindow);
    }
    return resultWindow;
  }

  @Override
  public String toString() {
    return "MergingWindowSet" + mapping;
  }
}
