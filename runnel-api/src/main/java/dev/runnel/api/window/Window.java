package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;

/**
 * A group of elements that a window function sees together. Windows are values: equal windows are
 * the same window, so they need {@code equals} and {@code hashCode}. A window is complete when
 * time reaches its {@link #maxTimestamp()}.
 *
 * <pre>{@code
 * TimeWindow w = new TimeWindow(0, 1_000);
 * w.maxTimestamp(); // 999: the window fires when the watermark reaches 999
 * }</pre>
 */
@Public
public abstract class Window {
  /** The largest timestamp that still belongs to this window. */
  public abstract long maxTimestamp();
}
