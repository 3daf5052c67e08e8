package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.time.Duration;
import java.util.Collection;

/**
 * Windows of processing time of {@code size} starting every {@code slide}. Fires with {@link
 * ProcessingTimeTrigger} by default.
 *
 * <pre>{@code
 * SlidingProcessingTimeWindows.of(Duration.ofMinutes(1), Duration.ofSeconds(10))
 * }</pre>
 */
@Public
public final class SlidingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;

  private SlidingProcessingTimeWindows(long size, long slide) {
    this.size = size;
    this.slide = slide;
  }

  public static SlidingProcessingTimeWindows of(Duration size, Duration slide) {
    return new SlidingProcessingTimeWindows(
        positiveMillis(size, "window size"), positiveMillis(slide, "window slide"));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
    return SlidingEventTimeWindows.windowsOf(context.currentProcessingTime(), size, slide, 0);
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
    return "SlidingProcessingTimeWindows(" + size + " ms, " + slide + " ms)";
  }
}
