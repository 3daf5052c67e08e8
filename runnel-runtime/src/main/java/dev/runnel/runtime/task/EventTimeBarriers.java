package dev.runnel.runtime.task;

import dev.runnel.runtime.exchange.Watermark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Places checkpoint barriers in event time, for a job whose channels are ordered by event time
 * ({@link dev.runnel.runtime.exchange.EventTimeOrder}). A checkpoint's event time {@code T} is the
 * highest watermark below the end of time that any event-time source subtask, ended ones included,
 * has published when the checkpoint is triggered; each such source subtask that has not ended
 * emits the barrier right after its first watermark above {@code T}, before any further record.
 *
 * <p>Why: on every channel the barrier then comes right after the first watermark above {@code
 * T}, with no record between them, and operators keep that rule downstream (once every input's
 * watermark is above {@code T}, only barriers are left to read before the alignment completes).
 * So while a checkpoint aligns, a channel that has not delivered the barrier yet is either at or
 * below {@code T}, where the channel with the lowest watermark is always among them and may run,
 * or above it, with nothing but the barrier to deliver: the barrier aligner lets such a channel
 * through. The event-time order and the alignment therefore never wait on each other, and since
 * no record is read out of event-time order, checkpoints do not change results.
 *
 * <p>Sources publish every watermark here (one uncontended lock per watermark that advances); the
 * coordinator's thread fixes {@code T}. Thread-safe.
 */
final class EventTimeBarriers {
  private static final class Pending {
    final long checkpointId;
    final long time;
    final boolean[] emitted;

    Pending(long checkpointId, long time, int sources) {
      this.checkpointId = checkpointId;
      this.time = time;
      this.emitted = new boolean[sources];
    }
  }

  private long[] published = new long[0];
  /**
   * Per slot, the highest watermark below the end of time it published. A source that has ended
   * still counts with it for a checkpoint's event time: it emits no barrier for a checkpoint
   * triggered after it ended, so its channels must carry no watermark above that event time but
   * the end of time, after which only their end marker comes (see {@link #trigger}).
   */
  private long[] lastTime = new long[0];
  private final List<Pending> pending = new ArrayList<>();
  /** How many checkpoints wait for a barrier; read without the lock to skip it when none do. */
  private volatile int pendingCount;

  /** Adds an event-time source subtask, before the job starts; returns its slot. */
  synchronized int register() {
    published = Arrays.copyOf(published, published.length + 1);
    published[published.length - 1] = Watermark.NONE;
    lastTime = Arrays.copyOf(lastTime, lastTime.length + 1);
    lastTime[lastTime.length - 1] = Watermark.NONE;
    return published.length - 1;
  }

  /**
   * Checkpoint {@code checkpointId} is triggered: fixes its event time, on the first call for it,
   * as the highest watermark below the end of time that any source subtask has published, those
   * that have ended included.
   *
   * <p>Why ended ones too: a source subtask that ended before the checkpoint was triggered emits
   * no barrier for it, yet its channels may still be on their way downstream. The barrier aligner
   * lets a channel that has not delivered the barrier run ahead once its watermark is above the
   * checkpoint's event time, trusting that only the barrier is left on it; with the ended source's
   * watermarks all at or below the event time (but the end of time, after which only its end
   * marker comes) that stays true, and its channel stays in event-time order until it ends.
   */
  synchronized void trigger(long checkpointId) {
    for (Pending p : pending) {
      if (p.checkpointId == checkpointId) {
        return;
      }
    }
    long time = Watermark.NONE;
    for (long w : lastTime) {
      time = Math.max(time, w);
    }
    pending.add(new Pending(checkpointId, time, published.length));
    pendingCount = pending.size();
  }

  /**
   * Source subtask {@code slot} has emitted {@code watermark}: publishes it and returns the
   * checkpoints whose barrier it must emit now (their event time is below it), before any further
   * record, oldest first.
   */
  synchronized List<Long> afterWatermark(int slot, long watermark) {
    published[slot] = Math.max(published[slot], watermark);
    if (watermark != Watermark.END_OF_TIME) {
      lastTime[slot] = Math.max(lastTime[slot], watermark);
    }
    return dueLocked(slot);
  }

  /**
   * The checkpoints whose barrier source subtask {@code slot} must emit now; usually none, since
   * it learns of them as it emits watermarks. Called between polls.
   */
  List<Long> due(int slot) {
    if (pendingCount == 0) {
      return List.of();
    }
    synchronized (this) {
      return dueLocked(slot);
    }
  }

  private List<Long> dueLocked(int slot) {
    List<Long> due = List.of();
    for (Pending p : pending) {
      if (!p.emitted[slot] && p.time < published[slot]) {
        p.emitted[slot] = true;
        if (due.isEmpty()) {
          due = new ArrayList<>(2);
        }
        due.add(p.checkpointId);
      }
    }
    if (!due.isEmpty()) {
      pending.removeIf(this::emittedEverywhere);
      pendingCount = pending.size();
    }
    return due;
  }

  private boolean emittedEverywhere(Pending p) {
    for (int s = 0; s < published.length; s++) {
      if (!p.emitted[s] && published[s] != Watermark.END_OF_TIME) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized String toString() {
    return "EventTimeBarriers" + Arrays.toString(published) + ", " + pending.size() + " pending";
  }
}
