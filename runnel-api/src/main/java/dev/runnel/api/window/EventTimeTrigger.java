package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;

/**
 * Fires a window once the watermark reaches its {@link Window#maxTimestamp()}; an element added
 * when the watermark is already past it (allowed lateness) fires the window at once. The default
 * trigger of event-time assigners.
 *
 * <pre>{@code
 * .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1))).trigger(EventTimeTrigger.create())
 * }</pre>
 */
@Public
public final class EventTimeTrigger extends Trigger<Object, Window> {
  private static final long serialVersionUID = 1L;

  private EventTimeTrigger() {}

  public static EventTimeTrigger create() {
    return new EventTimeTrigger();
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, Window window,
      TriggerContext ctx) {
    if (window.maxTimestamp() <= ctx.currentWatermark()) {
      return TriggerResult.FIRE;
    }
    ctx.registerEventTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
    return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(Window window, OnMergeContext ctx) {
    if (window.maxTimestamp() > ctx.currentWatermark()) {
      ctx.registerEventTimeTimer(window.maxTimestamp());
    }
  }

  @Override
  public void clear(Window window, TriggerContext ctx) {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }

  @Override
  public String toString() {
    return "EventTimeTrigger";
  }
}
