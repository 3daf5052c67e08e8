package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A window of time {@code [start, end)} in epoch milliseconds: the start is in the window, the end
 * is not, so {@link #maxTimestamp()} is {@code end - 1}.
 *
 * <pre>{@code
 * TimeWindow a = new TimeWindow(0, 10), b = new TimeWindow(10, 20);
 * a.intersects(b); // true: sessions that touch merge
 * a.cover(b);      // [0, 20)
 * }</pre>
 */
@Public
public final class TimeWindow extends Window {
  private final long start;
  private final long end;

  /** @throws IllegalArgumentException if {@code end <= start} */
  public TimeWindow(long start, long end) {
    if (end <= start) {
      throw new IllegalArgumentException("a time window needs start < end, got [" + start + ", "
          + end + ")");
    }
    this.start = start;
    this.end = end;
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  @Override
  public long maxTimestamp() {
    return end - 1;
  }

  /** Whether the two windows overlap or touch ({@code [0,10)} and {@code [10,20)} do). */
  public boolean intersects(TimeWindow other) {
    return start <= other.end && end >= other.start;
  }

  /** The smallest window containing both. */
  public TimeWindow cover(TimeWindow other) {
    return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
  }

  /**
   * The start of the window of {@code size} (aligned to {@code offset}) that contains {@code
   * timestamp}; correct for negative timestamps too.
   */
  public static long windowStart(long timestamp, long offset, long size) {
    return timestamp - Math.floorMod(timestamp - offset, size);
  }

  /**
   * Merges overlapping or touching time windows, as session windows do: sorts them by start and
   * calls {@code callback} once for each group of more than one window with the window covering
   * the group.
   */
  public static void mergeWindows(
      Collection<TimeWindow> windows, MergingWindowAssigner.MergeCallback<TimeWindow> callback) {
    List<TimeWindow> sorted = new ArrayList<>(windows);
    sorted.sort((a, b) -> Long.compare(a.start, b.start));
    List<TimeWindow> group = new ArrayList<>();
    TimeWindow cover = null;
    for (TimeWindow w : sorted) {
      if (cover != null && cover.intersects(w)) {
        group.add(w);
        cover = cover.cover(w);
      } else {
        if (group.size() > 1) {
          callback.merge(group, cover);
        }
        group = new ArrayList<>();
        group.add(w);
        cover = w;
      }
    }
    if (group.size() > 1) {
      callback.merge(group, cover);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindow w && w.start == start && w.end == end;
  }

  @Override
  public int hashCode() {
    long h = start * 31 + end;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return "TimeWindow[" + start + ", " + end + ")";
  }
}
