package dev.runnel.runtime.operators.window;

import dev.runnel.api.window.Evictor;
import dev.runnel.api.window.Window;
import java.util.Collection;

/**
 * Where a window operator keeps the contents of windows: keyed state of the current key in the
 * namespace of a (state) window. Incremental kinds fold each element as it arrives and give the
 * window function one value; the list kind keeps every element; the evicting kind keeps every
 * element with its timestamp and folds when the window fires.
 */
interface WindowContents {
  /** Points the contents at {@code stateWindow} for the calls that follow. */
  void setWindow(Window stateWindow);

  void add(Object value, long timestamp) throws Exception;

  /**
   * What the window function gets for the current window when it fires, or null if the window
   * is empty (then nothing is emitted). {@code window} is the window as triggers see it.
   */
  Iterable<Object> forFiring(Window window, Evictor.Context ctx) throws Exception;

  /** After the window function ran on what {@link #forFiring} returned. */
  default void afterFiring(Window window, Evictor.Context ctx) throws Exception {}

  void clear();

  /** Merges the contents of {@code sources} into {@code target} (session windows). */
  void merge(Window target, Collection<Window> sources) throws Exception;
}
