package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;

/**
 * Fires a window when processing time reaches its {@link Window#maxTimestamp()}. The default
 * trigger of processing-time assigners.
 *
 * <pre>{@code
 * .window(TumblingProcessingTimeWindows.of(Duration.ofSeconds(5)))
 * }</pre>
 */
@Public
public final class ProcessingTimeTrigger extends Trigger<Object, Window> {
  private static final long serialVersionUID = 1L;

  private ProcessingTimeTrigger() {}

  public static ProcessingTimeTrigger create() {
    return new ProcessingTimeTrigger();
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, Window window,
      TriggerContext ctx) {
    ctx.registerProcessingTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx) {
    return TriggerResult.FIRE;
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(Window window, OnMergeContext ctx) {
    if (window.maxTimestamp() > ctx.currentProcessingTime()) {
      ctx.registerProcessingTimeTimer(window.maxTimestamp());
    }
  }

  @Override
  public void clear(Window window, TriggerContext ctx) {
    ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }

  @Override
  public String toString() {
    return "ProcessingTimeTrigger";
  }
}
