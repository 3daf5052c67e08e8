package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Event-time sessions: each element opens the window {@code [timestamp, timestamp + gap)}, and
 * windows of one key that overlap or touch merge into one session. A session therefore ends when
 * no element of its key arrives for {@code gap}. Fires with {@link EventTimeTrigger} by default.
 *
 * <pre>{@code
 * stream.keyBy(Click::user).window(EventTimeSessionWindows.withGap(Duration.ofMinutes(30)))
 * }</pre>
 *
 * @param <T> element type
 */
@Public
public final class EventTimeSessionWindows<T> extends MergingWindowAssigner<T, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long gap;
  private final SessionWindowTimeGapExtractor<T> gapExtractor;

  private EventTimeSessionWindows(long gap, SessionWindowTimeGapExtractor<T> gapExtractor) {
    this.gap = gap;
    this.gapExtractor = gapExtractor;
  }

  public static <T> EventTimeSessionWindows<T> withGap(Duration gap) {
    return new EventTimeSessionWindows<>(positiveMillis(gap, "session gap"), null);
  }

  /** Sessions whose gap {@code extractor} chooses per element. */
  public static <T> EventTimeSessionWindows<T> withDynamicGap(
      SessionWindowTimeGapExtractor<T> extractor) {
    return new EventTimeSessionWindows<>(0, Objects.requireNonNull(extractor));
  }

  @Override
  public Collection<TimeWindow> assignWindows(T element, long timestamp, Context context) {
    requireTimestamp(timestamp);
    long g = gapExtractor == null ? gap
        : positiveMillis(gapExtractor.extract(element), "dynamic session gap");
    return List.of(new TimeWindow(timestamp, timestamp + g));
  }

  @Override
  public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
    TimeWindow.mergeWindows(windows, callback);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  public Trigger<T, TimeWindow> getDefaultTrigger() {
    return (Trigger) EventTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  @Override
  public String toString() {
    return gapExtractor == null ? "EventTimeSessionWindows(" + gap + " ms)"
        : "EventTimeSessionWindows(dynamic gap)";
  }
}
