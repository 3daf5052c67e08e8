package dev.runnel.runtime.time;

import dev.runnel.api.functions.TimeDomain;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.state.KeyContext;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The timers of one keyed operator subtask, in event time and processing time. Registering an
 * existing (key, namespace, time) does nothing; timers fire in time order, each with its key set
 * as the current key so that state and new timers are scoped to it.
 *
 * <p>Event-time timers fire from {@link #advanceWatermark}; processing-time timers through the
 * subtask's {@link ProcessingTimeService}, which is asked to call back at the earliest one. Not
 * thread-safe: the subtask's thread only.
 *
 * <p>Deleting a timer is O(1): it leaves the set of live timers, and its entry in the time-ordered
 * queue is skipped when it comes up (window operators delete timers on every session merge, and
 * removing from the middle of a heap costs a scan). Until then the stale entry takes memory, and
 * every stale entry would cost a poll from the heap; so once a queue holds more than twice its live
 * timers (plus {@link #PURGE_SLACK}), its stale entries are dropped in one pass, O(queue size),
 * which is paid for by at least as many deletes.
 *
 * <p><b>Checkpoints.</b> {@link #snapshot} writes every live timer of both domains as a {@link
 * TimerEntry} of a keyed stream (by the timer's key), so that a restore at another parallelism
 * gives each subtask the timers of its key groups; {@link #restore} registers them again.
 * Restored processing-time timers are scheduled on the {@link ProcessingTimeService}; one already
 * due fires when the clock next runs. The watermark is not part of the snapshot (as in Flink, it
 * starts from scratch after a restore); an operator that needs it saves it itself and hands it
 * back with {@link #restoreWatermark}.
 *
 * @param <N> namespace type
 */
public final class InternalTimerService<N> {
  private static final Comparator<TimerKey<?>> BY_TIME =
      Comparator.comparingLong(TimerKey::timestamp);
  /** Stale queue entries tolerated beyond the live timers before a purge (see the class doc). */
  static final int PURGE_SLACK = 64;

  private final KeyContext keys;
  private final ProcessingTimeService processingTime;
  private final OperatorContext owner;
  private final Triggerable<N> target;

  private final PriorityQueue<TimerKey<N>> eventTimers = new PriorityQueue<>(BY_TIME);
  private final Set<TimerKey<N>> eventTimerSet = new HashSet<>();
  private final PriorityQueue<TimerKey<N>> processingTimers = new PriorityQueue<>(BY_TIME);
  private final Set<TimerKey<N>> processingTimerSet = new HashSet<>();
  private long scheduledProcessingTime = Long.MAX_VALUE;
  private long currentWatermark = Watermark.NONE;

  public InternalTimerService(KeyContext keys, ProcessingTimeService processingTime,
      OperatorContext owner, Triggerable<N> target) {
    this.keys = keys;
    this.processingTime = processingTime;
    this.owner = owner;
    this.target = target;
  }

  public long currentWatermark() {
    return currentWatermark;
  }

  public long currentProcessingTime() {
    return processingTime.now();
  }

  public void registerEventTimeTimer(N namespace, long time) {
    addEventTimer(new TimerKey<>(time, keys.currentKey(), namespace));
  }

  private void addEventTimer(TimerKey<N> timer) {
    if (eventTimerSet.add(timer)) {
      eventTimers.add(timer);
    }
  }

  public void deleteEventTimeTimer(N namespace, long time) {
    TimerKey<N> timer = new TimerKey<>(time, keys.currentKey(), namespace);
    // its queue entry is skipped when it comes up, or purged before
    if (eventTimerSet.remove(timer)) {
      purgeIfMostlyStale(eventTimers, eventTimerSet);
    }
  }

  public void registerProcessingTimeTimer(N namespace, long time) {
    addProcessingTimer(new TimerKey<>(time, keys.currentKey(), namespace));
  }

  private void addProcessingTimer(TimerKey<N> timer) {
    if (processingTimerSet.add(timer)) {
      processingTimers.add(timer);
      long time = timer.timestamp();
      if (time < scheduledProcessingTime) {
        scheduledProcessingTime = time;
        processingTime.schedule(time, this::onProcessingTime, owner);
      }
    }
  }

  public void deleteProcessingTimeTimer(N namespace, long time) {
    TimerKey<N> timer = new TimerKey<>(time, keys.currentKey(), namespace);
    // its queue entry is skipped when it comes up, or purged before
    if (processingTimerSet.remove(timer)) {
      purgeIfMostlyStale(processingTimers, processingTimerSet);
    }
  }

  /**
   * Drops the entries of deleted timers from {@code queue} once they outnumber the live ones (plus
   * {@link #PURGE_SLACK}). Live timers stay, duplicates of a live timer too (the first one to come
   * up fires it, the others are skipped as before), and the earliest live timer stays the head.
   */
  private static <N> void purgeIfMostlyStale(PriorityQueue<TimerKey<N>> queue,
      Set<TimerKey<N>> live) {
    if (queue.size() > 2 * live.size() + PURGE_SLACK) {
      queue.removeIf(t -> !live.contains(t));
    }
  }

  /** Fires every event-time timer at or before {@code watermark}, in time order. */
  public void advanceWatermark(long watermark) throws Exception {
    // Never back: after a restore that handed back a watermark, the first ones may be lower.
    currentWatermark = Math.max(currentWatermark, watermark);
    TimerKey<N> timer;
    while ((timer = eventTimers.peek()) != null && timer.timestamp() <= watermark) {
      eventTimers.poll();
      if (!eventTimerSet.remove(timer)) {
        continue; // deleted
      }
      keys.setCurrentKey(timer.key());
      target.onEventTime(timer);
    }
  }

  private void onProcessingTime(long time) throws Exception {
    scheduledProcessingTime = Long.MAX_VALUE;
    long now = processingTime.now();
    TimerKey<N> timer;
    while ((timer = processingTimers.peek()) != null && timer.timestamp() <= now) {
      processingTimers.poll();
      if (!processingTimerSet.remove(timer)) {
        continue; // deleted
      }
      keys.setCurrentKey(timer.key());
      target.onProcessingTime(timer);
    }
    if (timer != null && timer.timestamp() < scheduledProcessingTime) {
      scheduledProcessingTime = timer.timestamp();
      processingTime.schedule(timer.timestamp(), this::onProcessingTime, owner);
    }
  }

  /**
   * Writes every live timer (deleted ones are skipped) as a {@link TimerEntry} of keyed stream
   * {@code stream}, keyed by the timer's key.
   */
  public void snapshot(OperatorSnapshotWriter writer, String stream) {
    for (TimerKey<N> t : eventTimerSet) {
      writer.writeKeyed(stream, t.key(),
          new TimerEntry(TimeDomain.EVENT_TIME, t.timestamp(), t.key(), t.namespace()));
    }
    for (TimerKey<N> t : processingTimerSet) {
      writer.writeKeyed(stream, t.key(),
          new TimerEntry(TimeDomain.PROCESSING_TIME, t.timestamp(), t.key(), t.namespace()));
    }
  }

  /**
   * Registers again the timers of keyed stream {@code stream} that belong to this subtask's key
   * groups; processing-time ones are scheduled on the clock (those already due fire when it next
   * runs). Returns them, for operators that rebuild indexes from their timers.
   */
  @SuppressWarnings("unchecked")
  public java.util.List<TimerEntry> restore(OperatorStateReader reader, String stream) {
    java.util.List<TimerEntry> restored = new java.util.ArrayList<>();
    for (Object o : reader.keyed(stream)) {
      TimerEntry e = (TimerEntry) o;
      TimerKey<N> timer = new TimerKey<>(e.timestamp(), e.key(), (N) e.namespace());
      if (e.domain() == TimeDomain.EVENT_TIME) {
        addEventTimer(timer);
      } else {
        addProcessingTimer(timer);
      }
      restored.add(e);
    }
    return restored;
  }

  /**
   * Hands back a watermark an operator saved in its snapshot: late-element checks use it until the
   * watermark passes it. Fires nothing (every timer at or before it had fired before the snapshot).
   */
  public void restoreWatermark(long watermark) {
    currentWatermark = Math.max(currentWatermark, watermark);
  }

  /** Number of pending event-time timers, for tests and metrics. */
  public int eventTimerCount() {
    return eventTimerSet.size();
  }

  /** Number of event-time queue entries, live or deleted but not yet dropped; for tests. */
  int eventQueueSize() {
    return eventTimers.size();
  }

  /** Number of pending processing-time timers, for tests and metrics. */
  public int processingTimerCount() {
    return processingTimerSet.size();
  }
}
