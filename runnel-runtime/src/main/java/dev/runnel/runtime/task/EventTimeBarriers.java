package dev.runnel.runtime.task;

import dev.runnel.runtime.exchange.Watermark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Places checkpoint barriers in event time, for a job whose channels are ordered by event time
 * ({@link dev.runnel.runtime.exchange.EventTimeOrder}). A checkpoint's position is the highest
 * watermark any event-time source subtask has reached when the checkpoint is triggered; each such
 * source subtask emits the barrier just before its first watermark above that position. So on
 * every channel the barrier ({@link dev.runnel.runtime.exchange.CheckpointBarrier}) stands after the watermarks at or before its position and before any
 * later one, which is what lets barrier alignment and event-time order hold channels back without
 * ever waiting on each other.
 *
 * <p>Sources publish each watermark here before emitting it (one uncontended lock per watermark
 * that advances); the coordinator's thread fixes positions. Thread-safe.
 */
final class EventTimeBarriers {
  /** A barrier one source subtask must emit before a watermark. */
  record Due(long checkpointId, long position) {}

  private static final class Pending {
    final long checkpointId;
    final long position;
    final boolean[] emitted;

    Pending(long checkpointId, long position, int sources) {
      this.checkpointId = checkpointId;
      this.position = position;
      this.emitted = new boolean[sources];
    }
  }

  private long[] published = new long[0];
  private final List<Pending> pending = new ArrayList<>();

  /** Adds an event-time source subtask, before the job starts; returns its slot. */
  synchronized int register() {
    published = Arrays.copyOf(published, published.length + 1);
    published[published.length - 1] = Watermark.NONE;
    return published.length - 1;
  }

  /**
   * The event-time position of checkpoint {@code checkpointId}, fixed on the first call: the
   * highest watermark published by a source subtask that has not ended.
   */
  synchronized long positionOf(long checkpointId) {
    for (Pending p : pending) {
      if (p.checkpointId == checkpointId) {
        return p.position;
      }
    }
    long position = Watermark.NONE;
    for (long w : published) {
      if (w != Watermark.END_OF_TIME) {
        position = Math.max(position, w);
      }
    }
    pending.add(new Pending(checkpointId, position, published.length));
    return position;
  }

  /**
   * Source subtask {@code slot} is about to emit {@code watermark}: publishes it and returns the
   * barriers it must emit first, oldest first (usually none). Each barrier is returned once.
   */
  synchronized List<Due> beforeWatermark(int slot, long watermark) {
    published[slot] = Math.max(published[slot], watermark);
    List<Due> due = List.of();
    for (Pending p : pending) {
      if (!p.emitted[slot] && p.position < watermark) {
        p.emitted[slot] = true;
        if (due.isEmpty()) {
          due = new ArrayList<>(2);
        }
        due.add(new Due(p.checkpointId, p.position));
      }
    }
    if (!due.isEmpty()) {
      pending.removeIf(this::passedEverywhere);
    }
    return due;
  }

  private boolean passedEverywhere(Pending p) {
    for (int s = 0; s < published.length; s++) {
      if (!p.emitted[s] && published[s] != Watermark.END_OF_TIME) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized String toString() {
    return "EventTimeBarriers" + Arrays.toString(published) + " pending " + pending.size();
  }
}
