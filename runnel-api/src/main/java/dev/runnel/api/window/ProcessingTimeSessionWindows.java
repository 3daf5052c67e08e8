package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Processing-time sessions: each element opens {@code [now, now + gap)}; overlapping windows of
 * one key merge. Fires with {@link ProcessingTimeTrigger} by default.
 *
 * <pre>{@code
 * stream.keyBy(Click::user).window(ProcessingTimeSessionWindows.withGap(Duration.ofSeconds(30)))
 * }</pre>
 */
@Public
public final class ProcessingTimeSessionWindows extends MergingWindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long gap;

  private ProcessingTimeSessionWindows(long gap) {
    this.gap = gap;
  }

  public static ProcessingTimeSessionWindows withGap(Duration gap) {
    return new ProcessingTimeSessionWindows(positiveMillis(gap, "session gap"));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
    long now = context.currentProcessingTime();
    return List.of(new TimeWindow(now, now + gap));
  }

  @Override
  public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
    TimeWindow.mergeWindows(windows, callback);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return (Trigger) ProcessingTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  @Override
  public String toString() {
    return "ProcessingTimeSessionWindows(" + gap + " ms)";
  }
}
