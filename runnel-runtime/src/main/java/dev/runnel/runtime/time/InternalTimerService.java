package dev.runnel.runtime.time;

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
 * removing from the middle of a heap costs a scan). Until then the stale entry takes memory.
 *
 * @param <N> namespace type
 */
public final class InternalTimerService<N> {
  private static final Comparator<TimerKey<?>> BY_TIME =
      Comparator.comparingLong(TimerKey::timestamp);

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
    TimerKey<N> timer = new TimerKey<>(time, keys.currentKey(), namespace);
    if (eventTimerSet.add(timer)) {
      eventTimers.add(timer);
    }
  }

  public void deleteEventTimeTimer(N namespace, long time) {
    TimerKey<N> timer = new TimerKey<>(time, keys.currentKey(), namespace);
    eventTimerSet.remove(timer); // its queue entry is skipped when it comes up
  }

  public void registerProcessingTimeTimer(N namespace, long time) {
    TimerKey<N> timer = new TimerKey<>(time, keys.currentKey(), namespace);
    if (processingTimerSet.add(timer)) {
      processingTimers.add(timer);
      if (time < scheduledProcessingTime) {
        scheduledProcessingTime = time;
        processingTime.schedule(time, this::onProcessingTime, owner);
      }
    }
  }

  public void deleteProcessingTimeTimer(N namespace, long time) {
    TimerKey<N> timer = new TimerKey<>(time, keys.currentKey(), namespace);
    processingTimerSet.remove(timer); // its queue entry is skipped when it comes up
  }

  /** Fires every event-time timer at or before {@code watermark}, in time order. */
  public void advanceWatermark(long watermark) throws Exception {
    currentWatermark = watermark;
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

  /** Number of pending event-time timers, for tests and metrics. */
  public int eventTimerCount() {
    return eventTimerSet.size();
  }

  /** Number of pending processing-time timers, for tests and metrics. */
  public int processingTimerCount() {
    return processingTimerSet.size();
  }
}
