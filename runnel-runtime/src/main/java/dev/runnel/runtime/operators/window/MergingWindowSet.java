package dev.runnel.runtime.operators.window;

import dev.runnel.api.window.MergingWindowAssigner;
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

  /** @param mapping window to state window; changed in place */
  public MergingWindowSet(MergingWindowAssigner<?, W> assigner, Map<W, W> mapping) {
    this.assigner = assigner;
    this.mapping = mapping;
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
