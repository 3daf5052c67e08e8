package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;

/**
 * The one window of {@link GlobalWindows}: every element of a key belongs to it, and it never ends
 * by itself, so a trigger (such as {@link CountTrigger}) decides when it fires.
 *
 * <pre>{@code
 * stream.keyBy(Order::userId).window(GlobalWindows.create()).trigger(CountTrigger.of(100))
 * }</pre>
 */
@Public
public final class GlobalWindow extends Window {
  private static final GlobalWindow INSTANCE = new GlobalWindow();

  private GlobalWindow() {}

  public static GlobalWindow get() {
    return INSTANCE;
  }

  @Override
  public long maxTimestamp() {
    return Long.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "GlobalWindow";
  }
}
