package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Fixed-size, non-overlapping event-time windows {@code [k·size + offset, (k+1)·size + offset)}:
 * each element belongs to exactly one. Fires with {@link EventTimeTrigger} by default.
 *
 * <pre>{@code
 * // hourly windows starting at quarter past
 * TumblingEventTimeWindows.of(Duration.ofHours(1), Duration.ofMinutes(15))
 * }</pre>
 */
@Public
public final class TumblingEventTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long offset;

  private TumblingEventTimeWindows(long size, long offset) {
    this.size = size;
    this.offset = Math.floorMod(offset, size);
  }

  public static TumblingEventTimeWindows of(Duration size) {
    return of(size, Duration.ZERO);
  }

  /** @param offset shifts window starts; any value, taken modulo {@code size} */
  public static TumblingEventTimeWindows of(Duration size, Duration offset) {
    return new TumblingEventTimeWindows(positiveMillis(size, "window size"), offset.toMillis());
  }

  public long sizeMillis() {
    return size;
  }

  public long offsetMillis() {
    return offset;
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
    requireTimestamp(timestamp);
    long start = TimeWindow.windowStart(timestamp, offset, size);
    return List.of(new TimeWindow(start, start + size));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return (Trigger) EventTimeTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  @Override
  public String toString() {
    return "TumblingEventTimeWindows(" + size + " ms)";
  }
}
