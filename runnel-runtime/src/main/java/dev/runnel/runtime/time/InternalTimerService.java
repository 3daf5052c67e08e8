package dev.runnel.runtime.time;

import dev.runnel.api.functions.TimeDomain;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.state.KeyContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * The timers of one keyed operator subtask, in event time and processing time. Registering an
 * existing (key, namespace, time) does nothing; timers fire in time order, each with its key set
 * as the current key so that state and new timers are scoped to it. Timers of the same time fire
 * in the order they were registered (after a {@link #restore}, in the order they were restored),
 * so that a run is deterministic.
 *
 * <p>Event-time timers fire from {@link #advanceWatermark}; processing-time timers through the
 * subtask's {@link ProcessingTimeService}, which is asked to call back at the earliest one. Not
 * thread-safe: the subtask's thread only.
 *
 * <p><b>Timers are bucketed by time.</b> Each domain maps a time to the bucket of its timers (an
 * insertion-ordered set of {@link TimerKey}s, {@code TimerBucket}) and keeps the times that have
 * a bucket in a min-heap of primitive {@code long}s ({@code LongMinHeap}). Jobs make timers at
 * few distinct times, many at each (at millions of events per second of event time, thousands of
 * windows or cleanups end in the same millisecond), so the heap stays small next to the number of
 * timers: a timer costs a hash-set insert and, only when its time is new, a heap insert of a
 * {@code long}; one heap of all timers, compared through pointers, plus a set of all timers took
 * about a fifth of the samples of NEXMark q9 (JFR). The bucket used last is remembered, as
 * consecutive registrations mostly share a time and then skip the map lookup.
 *
 * <p>Deleting a timer is O(1): it leaves its bucket (window operators delete timers on every
 * session merge). A bucket emptied so leaves the map at once, but its time stays in the heap
 * (removing from the middle of a heap costs a scan) and is skipped when it comes up. Until then it
 * takes memory; so once a heap holds more than twice as many times as there are buckets (plus
 * {@link #PURGE_SLACK}), it is rebuilt from the map's times, O(buckets), which is paid for by at
 * least as many deletes.
 *
 * <p>A timer is taken out of its bucket just before it fires, and the next one is looked up only
 * after the callback returned; so what the callback does takes effect as if it had been done
 * before: a timer it registers at or before the watermark being advanced (even at the very time
 * being fired) fires within the same {@link #advanceWatermark}, after those registered before it
 * at that time, and one it deletes does not fire.
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
  /** Stale heap times tolerated beyond the buckets before a rebuild (see the class doc). */
  static final int PURGE_SLACK = 64;

  private final KeyContext keys;
  private final ProcessingTimeService processingTime;
  private final OperatorContext owner;
  private final Triggerable<N> target;

  private final Timers<N> eventTimers = new Timers<>();
  private final Timers<N> processingTimers = new Timers<>();
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
    eventTimers.add(new TimerKey<>(time, keys.currentKey(), namespace));
  }

  public void deleteEventTimeTimer(N namespace, long time) {
    eventTimers.remove(new TimerKey<>(time, keys.currentKey(), namespace));
  }

  public void registerProcessingTimeTimer(N namespace, long time) {
    addProcessingTimer(new TimerKey<>(time, keys.currentKey(), namespace));
  }

  private void addProcessingTimer(TimerKey<N> timer) {
    if (processingTimers.add(timer)) {
      long time = timer.timestamp();
      if (time < scheduledProcessingTime) {
        scheduledProcessingTime = time;
        processingTime.schedule(time, this::onProcessingTime, owner);
      }
    }
  }

  public void deleteProcessingTimeTimer(N namespace, long time) {
    processingTimers.remove(new TimerKey<>(time, keys.currentKey(), namespace));
  }

  /** Fires every event-time timer at or before {@code watermark}, in time order. */
  public void advanceWatermark(long watermark) throws Exception {
    // Never back: after a restore that handed back a watermark, the first ones may be lower.
    currentWatermark = Math.max(currentWatermark, watermark);
    TimerBucket<N> bucket;
    while ((bucket = eventTimers.first()) != null && bucket.time <= watermark) {
      TimerKey<N> timer = eventTimers.pollFirst(bucket);
      keys.setCurrentKey(timer.key());
      target.onEventTime(timer);
    }
  }

  private void onProcessingTime(long time) throws Exception {
    scheduledProcessingTime = Long.MAX_VALUE;
    long now = processingTime.now();
    TimerBucket<N> bucket;
    while ((bucket = processingTimers.first()) != null && bucket.time <= now) {
      TimerKey<N> timer = processingTimers.pollFirst(bucket);
      keys.setCurrentKey(timer.key());
      target.onProcessingTime(timer);
    }
    if (bucket != null && bucket.time < scheduledProcessingTime) {
      scheduledProcessingTime = bucket.time;
      processingTime.schedule(bucket.time, this::onProcessingTime, owner);
    }
  }

  /**
   * Writes every live timer (deleted ones are skipped) as a {@link TimerEntry} of keyed stream
   * {@code stream}, keyed by the timer's key.
   */
  public void snapshot(OperatorSnapshotWriter writer, String stream) {
    eventTimers.forEach(t -> writer.writeKeyed(stream, t.key(),
        new TimerEntry(TimeDomain.EVENT_TIME, t.timestamp(), t.key(), t.namespace())));
    processingTimers.forEach(t -> writer.writeKeyed(stream, t.key(),
        new TimerEntry(TimeDomain.PROCESSING_TIME, t.timestamp(), t.key(), t.namespace())));
  }

  /**
   * Registers again the timers of keyed stream {@code stream} that belong to this subtask's key
   * groups; processing-time ones are scheduled on the clock (those already due fire when it next
   * runs). Returns them, for operators that rebuild indexes from their timers.
   */
  @SuppressWarnings("unchecked")
  public List<TimerEntry> restore(OperatorStateReader reader, String stream) {
    List<TimerEntry> restored = new ArrayList<>();
    for (Object o : reader.keyed(stream)) {
      TimerEntry e = (TimerEntry) o;
      TimerKey<N> timer = new TimerKey<>(e.timestamp(), e.key(), (N) e.namespace());
      if (e.domain() == TimeDomain.EVENT_TIME) {
        eventTimers.add(timer);
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
    return eventTimers.count;
  }

  /** Number of event-time heap entries (times), with a bucket or stale; for tests. */
  int eventQueueSize() {
    return eventTimers.times.size();
  }

  /** Number of event-time buckets (distinct times with pending timers); for tests. */
  int eventBucketCount() {
    return eventTimers.buckets.size();
  }

  /** Number of pending processing-time timers, for tests and metrics. */
  public int processingTimerCount() {
    return processingTimers.count;
  }

  /** The timers of one time domain (see the class doc). */
  private static final class Timers<N> {
    final HashMap<Long, TimerBucket<N>> buckets = new HashMap<>();
    /** The times of the buckets, and stale times whose bucket was emptied by deletes. */
    final LongMinHeap times = new LongMinHeap();
    /** The bucket last registered into, deleted from or fired; null or still in the map. */
    private TimerBucket<N> last;
    int count;

    /** Adds {@code timer}; false if it was pending already. */
    boolean add(TimerKey<N> timer) {
      TimerBucket<N> bucket = bucket(timer.timestamp(), true);
      if (!bucket.add(timer)) {
        return false;
      }
      count++;
      return true;
    }

    /** Removes {@code timer}; false if it was not pending. */
    boolean remove(TimerKey<N> timer) {
      TimerBucket<N> bucket = bucket(timer.timestamp(), false);
      if (bucket == null || !bucket.remove(timer)) {
        return false;
      }
      count--;
      if (bucket.isEmpty()) {
        drop(bucket); // its time stays in the heap, stale
        if (times.size() > 2 * buckets.size() + PURGE_SLACK) {
          long[] live = new long[buckets.size()];
          int i = 0;
          for (long t : buckets.keySet()) {
            live[i++] = t;
          }
          times.rebuild(live, i);
        }
      }
      return true;
    }

    /**
     * The bucket of {@code time}: the last one used if it is that time's (consecutive timers
     * mostly share a time), else from the map; a new one if {@code create}, else null if none.
     */
    private TimerBucket<N> bucket(long time, boolean create) {
      TimerBucket<N> bucket = last;
      if (bucket != null && bucket.time == time) {
        return bucket;
      }
      bucket = buckets.get(time);
      if (bucket == null) {
        if (!create) {
          return null;
        }
        bucket = new TimerBucket<>(time);
        buckets.put(time, bucket);
        times.add(time);
      }
      last = bucket;
      return bucket;
    }

    /** The bucket of the earliest pending timers, or null; drops stale times on the way. */
    TimerBucket<N> first() {
      while (!times.isEmpty()) {
        TimerBucket<N> bucket = bucket(times.peek(), false);
        if (bucket != null) {
          return bucket;
        }
        times.poll();
      }
      return null;
    }

    /**
     * Takes the earliest registered timer out of {@code bucket}, which {@link #first} has just
     * returned (so its time is the heap's head).
     */
    TimerKey<N> pollFirst(TimerBucket<N> bucket) {
      TimerKey<N> timer = bucket.pollFirst();
      count--;
      if (bucket.isEmpty()) {
        drop(bucket);
        times.poll();
      }
      return timer;
    }

    private void drop(TimerBucket<N> bucket) {
      buckets.remove(bucket.time);
      if (last == bucket) {
        last = null;
      }
    }

    void forEach(Consumer<TimerKey<N>> action) {
      for (TimerBucket<N> bucket : buckets.values()) {
        bucket.forEach(action);
      }
    }
  }
}
