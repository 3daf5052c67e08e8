package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Fixed-size, non-overlapping windows of processing time: an element belongs to the window of the
 * moment it is processed. Fires with {@link ProcessingTimeTrigger} by default; allowed lateness
 * does not apply.
 *
 * <pre>{@code
 * stream.keyBy(Reading::sensor).window(TumblingProcessingTimeWindows.of(Duration.ofSeconds(5)))
 * }</pre>
 */
@Public
public final class TumblingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long offset;

  private TumblingProcessingTimeWindows(long size, long offset) {
    this.size = size;
    this.offset = Math.floorMod(offset, size);
  }

  public static TumblingProcessingTimeWindows of(Duration size) {
    return of(size, Duration.ZERO);
  }

  public static TumblingProcessingTimeWindows of(Duration size, Duration offset) {
    return new TumblingProcessingTimeWindows(positiveMillis(size, "window size"), offset.toMillis());
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
    long now = context.currentProcessingTime();
    long start = TimeWindow.windowStart(now, offset, size);
    return List.of(new TimeWindow(start, start + size));
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
    return "TumblingProcessingTimeWindows(" + size + " ms)";
  }
}
