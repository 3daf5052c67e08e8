package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import java.time.Duration;

/**
 * Fires a window every {@code interval} of processing time (at multiples of the interval) once it
 * has an element, and at its end if that comes first.
 *
 * <pre>{@code
 * .window(GlobalWindows.create()).trigger(ContinuousProcessingTimeTrigger.of(Duration.ofSeconds(10)))
 * }</pre>
 */
@Public
public final class ContinuousProcessingTimeTrigger extends Trigger<Object, Window> {
  private static final long serialVersionUID = 1L;

  private final long interval;
  private final ReducingStateDescriptor<Long> fireTimeDescriptor =
      new ReducingStateDescriptor<>("continuous-processing-fire-time", Math::min, Long.class);

  private ContinuousProcessingTimeTrigger(long interval) {
    this.interval = interval;
  }

  public static ContinuousProcessingTimeTrigger of(Duration interval) {
    return new ContinuousProcessingTimeTrigger(WindowAssigner.positiveMillis(interval, "interval"));
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, Window window,
      TriggerContext ctx) throws Exception {
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    if (fireTime.get() == null) {
      long now = ctx.currentProcessingTime();
      registerNext(now - Math.floorMod(now, interval) + interval, window, ctx, fireTime);
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, Window window, TriggerContext ctx)
      throws Exception {
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
    ctx.registerProcessingTimeTimer(next);
  }

  @Override
  public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
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
      ctx.registerProcessingTimeTimer(next);
    }
  }

  @Override
  public void clear(Window window, TriggerContext ctx) throws Exception {
    ReducingState<Long> fireTime = ctx.getPartitionedState(fireTimeDescriptor);
    Long next = fireTime.get();
    if (next != null) {
      ctx.deleteProcessingTimeTimer(next);
      fireTime.clear();
    }
  }

  @Override
  public String toString() {
    return "ContinuousProcessingTimeTrigger(" + interval + " ms)";
  }
}
