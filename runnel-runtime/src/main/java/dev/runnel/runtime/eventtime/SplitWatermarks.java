package dev.runnel.runtime.eventtime;

import dev.runnel.runtime.exchange.Watermark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event time of a source subtask that reads several splits, each with a watermark of its own:
 * the minimum of the split watermarks over the splits that are not idle. A split that has no
 * watermark yet ({@link Watermark#NONE}) and is not idle holds the minimum at {@code NONE}, since
 * it may hold the oldest data; an idle split does not count until it is active again; a removed
 * split no longer counts at all. With every split idle (or none left) the subtask as a whole is
 * idle ({@link #allIdle()}).
 *
 * <p>Pure logic, no threads or clocks: {@link TimestampsAndWatermarks} feeds it and decides what
 * to emit. Splits are kept in an array so the per-record recomputation allocates nothing. Not
 * thread-safe.
 */
public final class SplitWatermarks {
  private static final class Split {
    final String id;
    long watermark = Watermark.NONE;
    boolean idle;

    Split(String id) {
      this.id = id;
    }
  }

  private final List<Split> splits = new ArrayList<>();
  private final Map<String, Split> byId = new HashMap<>();

  /** Adds split {@code id}, active and without a watermark; nothing if it is there already. */
  public void add(String id) {
    if (!byId.containsKey(id)) {
      Split s = new Split(id);
      splits.add(s);
      byId.put(id, s);
    }
  }

  /** Removes split {@code id}: it no longer holds the minimum back. Nothing if it is unknown. */
  public void remove(String id) {
    Split s = byId.remove(id);
    if (s != null) {
      splits.remove(s);
    }
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** How many splits there are, idle ones included. */
  public int size() {
    return splits.size();
  }

  /**
   * Split {@code id} (added first if unknown) has reached {@code watermark}; a lower one than it
   * had is ignored. Returns whether the split's watermark advanced.
   */
  public boolean update(String id, long watermark) {
    Split s = byId.get(id);
    if (s == null) {
      add(id);
      s = byId.get(id);
    }
    if (watermark <= s.watermark) {
      return false;
    }
    s.watermark = watermark;
    return true;
  }

  /** Marks split {@code id} idle or active again; nothing for an unknown split. */
  public void setIdle(String id, boolean idle) {
    Split s = byId.get(id);
    if (s != null) {
      s.idle = idle;
    }
  }

  public boolean isIdle(String id) {
    Split s = byId.get(id);
    return s != null && s.idle;
  }

  /** The split's watermark, or {@link Watermark#NONE} if it has none or is unknown. */
  public long watermarkOf(String id) {
    Split s = byId.get(id);
    return s == null ? Watermark.NONE : s.watermark;
  }

  /**
   * The minimum watermark over the active splits; {@link Watermark#NONE} if one of them has none
   * yet, or if there is no active split (then nothing can be said, see {@link #allIdle()}).
   */
  public long combined() {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (int i = 0; i < splits.size(); i++) {
      Split s = splits.get(i);
      if (!s.idle) {
        any = true;
        min = Math.min(min, s.watermark);
      }
    }
    return any ? min : Watermark.NONE;
  }

  /** True if no split is active: every split is idle, or there is none. */
  public boolean allIdle() {
    for (int i = 0; i < splits.size(); i++) {
      if (!splits.get(i).idle) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("SplitWatermarks[");
    for (int i = 0; i < splits.size(); i++) {
      Split s = splits.get(i);
      b.append(i == 0 ? "" : ", ").append(s.id).append('=').append(s.watermark)
          .append(s.idle ? " idle" : "");
    }
    return b.append(']').toString();
  }
}
