package dev.runnel.test.window;

import dev.runnel.api.window.TimeWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A brute-force model of event-time window semantics, written from the rules and nothing else:
 * a window fires when the watermark reaches {@code end - 1}; an element is late when every window
 * it belongs to has {@code end - 1 + lateness <= watermark}; a late-but-allowed element fires its
 * window again at once; a window is forgotten when {@code end - 1 + lateness <= watermark}.
 * Sessions: an element opens {@code [t, t + gap)}, which merges with every session it overlaps or
 * touches. Results are {@code "timestamp key:sum:count"} strings.
 */
final class WindowSemanticsModel {
  enum Kind { TUMBLING, SLIDING, SESSION }

  private static final class Content {
    long sum;
    long count;
    boolean pending; // fires when the watermark reaches its end - 1

    void add(long v) {
      sum += v;
      count++;
    }
  }

  private final Kind kind;
  private final long size;
  private final long slide;
  private final long lateness;
  private long watermark = Long.MIN_VALUE;
  private final Map<String, Map<TimeWindow, Content>> windows = new HashMap<>();
  final List<String> output = new ArrayList<>();
  final List<String> late = new ArrayList<>();

  /** @param size window size, or the session gap; {@code slide} only for sliding windows */
  WindowSemanticsModel(Kind kind, long size, long slide, long lateness) {
    this.kind = kind;
    this.size = size;
    this.slide = slide;
    this.lateness = lateness;
  }

  private boolean isLate(TimeWindow w) {
    return w.maxTimestamp() + lateness <= watermark;
  }

  void element(String key, long value, long timestamp) {
    Map<TimeWindow, Content> mine = windows.computeIfAbsent(key, k -> new LinkedHashMap<>());
    if (kind == Kind.SESSION) {
      session(key, value, timestamp, mine);
      return;
    }
    boolean added = false;
    for (TimeWindow w : windowsOf(timestamp)) {
      if (isLate(w)) {
        continue;
      }
      added = true;
      Content c = mine.computeIfAbsent(w, x -> new Content());
      c.add(value);
      if (w.maxTimestamp() <= watermark) {
        emit(key, w, c);
      } else {
        c.pending = true;
      }
    }
    if (!added) {
      late.add(key + ":" + value);
    }
  }

  private List<TimeWindow> windowsOf(long t) {
    List<TimeWindow> result = new ArrayList<>();
    long step = kind == Kind.TUMBLING ? size : slide;
    // every window start s (a multiple of step) with s <= t < s + size
    for (long s = Math.floorDiv(t, step) * step; s > t - size; s -= step) {
      result.add(new TimeWindow(s, s + size));
    }
    return result;
  }

  private void session(String key, long value, long t, Map<TimeWindow, Content> mine) {
    TimeWindow merged = new TimeWindow(t, t + size);
    Content c = new Content();
    boolean grew = true;
    boolean mergedExisting = false;
    while (grew) {
      grew = false;
      for (Iterator<Map.Entry<TimeWindow, Content>> it = mine.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<TimeWindow, Content> e = it.next();
        if (e.getKey().intersects(merged)) {
          merged = merged.cover(e.getKey());
          c.sum += e.getValue().sum;
          c.count += e.getValue().count;
          it.remove();
          grew = true;
          mergedExisting = true;
        }
      }
    }
    if (!mergedExisting && isLate(merged)) {
      late.add(key + ":" + value);
      return;
    }
    c.add(value);
    mine.put(merged, c);
    if (merged.maxTimestamp() <= watermark) {
      emit(key, merged, c);
    } else {
      c.pending = true;
    }
  }

  void watermark(long wm) {
    if (wm <= watermark) {
      return;
    }
    watermark = wm;
    for (Map.Entry<String, Map<TimeWindow, Content>> k : windows.entrySet()) {
      for (Iterator<Map.Entry<TimeWindow, Content>> it = k.getValue().entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<TimeWindow, Content> e = it.next();
        if (e.getValue().pending && e.getKey().maxTimestamp() <= wm) {
          e.getValue().pending = false;
          emit(k.getKey(), e.getKey(), e.getValue());
        }
        if (isLate(e.getKey())) {
          it.remove();
        }
      }
    }
  }

  private void emit(String key, TimeWindow w, Content c) {
    output.add(w.maxTimestamp() + " " + key + ":" + c.sum + ":" + c.count);
  }
}
