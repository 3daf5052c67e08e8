package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;

/**
 * What a {@link Trigger} decides for a window: whether to evaluate the window function now
 * (fire) and whether to drop the window's contents (purge). Purging keeps the window itself and
 * its trigger state; the window is removed when time passes its end plus allowed lateness.
 *
 * <pre>{@code
 * return count >= n ? TriggerResult.FIRE_AND_PURGE : TriggerResult.CONTINUE;
 * }</pre>
 */
@Public
public enum TriggerResult {
  CONTINUE(false, false),
  FIRE(true, false),
  PURGE(false, true),
  FIRE_AND_PURGE(true, true);

  private final boolean fire;
  private final boolean purge;

  TriggerResult(boolean fire, boolean purge) {
    this.fire = fire;
    this.purge = purge;
  }

  public boolean isFire() {
    return fire;
  }

  public boolean isPurge() {
    return purge;
  }
}
