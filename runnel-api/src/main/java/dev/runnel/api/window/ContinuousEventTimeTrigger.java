package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import java.time.Duration;

/**
 * Fires a window every {@code interval} of event time while it is open (at multiples of the
 * interval), and once more at its end: early results for long windows.
 *
 * <pre>{@code
 * .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
 * .trigger(ContinuousEventTimeTrigger.of(Duration.ofMinutes(1)))
 * }</pre>
 */
@Public
public final class ContinuousEventTimeTrigger extends Trigger<Object, Window> {
  private static final long serialVersionUID = 1L;

  private final long interval;
  private final ReducingStateDescriptor<Long> fireTimeDescriptor =
      new ReducingStateDescriptor<>("continuous-event-fire-time", Math::min, Long.class);

  private ContinuousEventTimeTrigger(long interval) {
    this.interval = interval;
  }

  public static ContinuousEventTimeTrigger of(Duration interval) {
    return new ContinuousEventTimeTrigger(WindowAssigner.positiveMillis(interval, "interval"));
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, Window window,
      TriggerContext ctx) throws Exception {
    if (window.maxTimestamp() <= ctx.currentWatermark()) {
      return TriggerResult.FIRE;
    }
    ctx.registerEventTimeTimer(window.maxTimestamp());
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    if (fireTime.get() == null) {
      long start = timestamp - Math.floorMod(timestamp, interval);
      registerNext(start + interval, window, ctx, fireTime);
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, Window window, TriggerContext ctx)
      throws Exception {
    if (time == window.maxTimestamp()) {
      return TriggerResult.FIRE;
    }
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long next = fireTime.get();
    if (next != null && next == time) {
      fireTime.clear();
      registerNext(time + interval, window, ctx, fireTime);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  private static void registerNext(long time, Window window, TriggerContext ctx,
      ReducingState<Long> fireTime) throws Exception {
    long next = Math.min(time, window.maxTimestamp());
    fireTime.add(next);
    ctx.registerEventTimeTimer(next);
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
  public void onMerge(Window window, OnMergeContext ctx) throws Exception {
    ctx.mergePartitionedState(fireTimeDescriptor);
    Long next = ctx.getPartitionedState(fireTimeDescriptor).get();
    if (next != null) {
      ctx.registerEventTimeTimer(next);
    }
  }

  @Override
  public void clear(Window window, TriggerContext ctx) throws Exception {
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long next = fireTime.get();
    if (next != null) {
      ctx.deleteEventTimeTimer(next);
      fireTime.clear();
    }
  }

  @Override
  public String toString() {
    return "ContinuousEventTimeTrigger(" + interval + " ms)";
  }
}
