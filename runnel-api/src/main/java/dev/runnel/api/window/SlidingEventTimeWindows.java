package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;

/**
 * Event-time windows of {@code size} that start every {@code slide}: an element belongs to
 * {@code size / slide} windows (rounded). Fires with {@link EventTimeTrigger} by default. With
 * {@code reduce} or {@code aggregate} and the default trigger, the runtime keeps one accumulator
 * per slice of {@code gcd(size, slide)} and combines slices when a window fires, rather than
 * adding each element to every window.
 *
 * <pre>{@code
 * // the last 10 seconds, every 100 ms
 * SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofMillis(100))
 * }</pre>
 */
@Public
public final class SlidingEventTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;
  private final long offset;

  private SlidingEventTimeWindows(long size, long slide, long offset) {
    this.size = size;
    this.slide = slide;
    this.offset = Math.floorMod(offset, slide);
  }

  public static SlidingEventTimeWindows of(Duration size, Duration slide) {
    return of(size, slide, Duration.ZERO);
  }

  /** @param offset shifts window starts; any value, taken modulo {@code slide} */
  public static SlidingEventTimeWindows of(Duration size, Duration slide, Duration offset) {
    return new SlidingEventTimeWindows(positiveMillis(size, "window size"),
        positiveMillis(slide, "window slide"), offset.toMillis());
  }

  public long sizeMillis() {
    return size;
  }

  public long slideMillis() {
    return slide;
  }

  public long offsetMillis() {
    return offset;
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
    requireTimestamp(timestamp);
    return windowsOf(timestamp, size, slide, offset);
  }

  static Collection<TimeWindow> windowsOf(long timestamp, long size, long slide, long offset) {
    Collection<TimeWindow> windows = new ArrayList<>((int) (size / slide) + 1);
    long lastStart = TimeWindow.windowStart(timestamp, offset, slide);
    for (long start = lastStart; start > timestamp - size; start -= slide) {
      windows.add(new TimeWindow(start, start + size));
    }
    return windows;
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
    return "SlidingEventTimeWindows(" + size + " ms, " + slide + " ms)";
  }
}
