package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;

/**
 * Fires a window every {@code n} elements added to it (the count is per key and window, and
 * merges with the window). It does not purge: wrap it in {@link PurgingTrigger} to start each
 * firing afresh, as {@code countWindow(n)} does.
 *
 * <pre>{@code
 * .window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.of(100)))
 * }</pre>
 */
@Public
public final class CountTrigger extends Trigger<Object, Window> {
  private static final long serialVersionUID = 1L;

  private final long maxCount;
  private final ReducingStateDescriptor<Long> countDescriptor =
      new ReducingStateDescriptor<>("count-trigger", Long::sum, Long.class);

  private CountTrigger(long maxCount) {
    this.maxCount = maxCount;
  }

  /** @throws IllegalArgumentException if {@code n < 1} */
  public static CountTrigger of(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("count trigger needs n >= 1, was " + n);
    }
    return new CountTrigger(n);
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, Window window,
      TriggerContext ctx) throws Exception {
    ReducingState<Long> count = ctx.getPartitionedState(countDescriptor);
    count.add(1L);
    if (count.get() >= maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, Window window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
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
    ctx.mergePartitionedState(countDescriptor);
  }

  @Override
  public void clear(Window window, TriggerContext ctx) {
    ctx.getPartitionedState(countDescriptor).clear();
  }

  @Override
  public String toString() {
    return "CountTrigger(" + maxCount + ")";
  }
}
