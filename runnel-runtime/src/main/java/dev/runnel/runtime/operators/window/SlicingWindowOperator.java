package dev.runnel.runtime.operators.window;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.runtime.operators.StreamOperator;
import dev.runnel.runtime.state.HeapKeyedStateBackend;
import dev.runnel.runtime.state.InternalValueState;
import dev.runnel.runtime.time.InternalTimerService;
import dev.runnel.runtime.time.TimerKey;
import dev.runnel.runtime.time.Triggerable;

/**
 * Event-time tumbling and sliding windows with an incremental function, sharing work across
 * overlapping windows: each element is folded into the one accumulator of its slice ({@link
 * SliceMath}); a window that fires merges the accumulators of its slices with {@link
 * AggregateFunction#merge} into a fresh accumulator. An element costs one state update however
 * many windows it belongs to; a firing costs {@code size / slice} lookups.
 *
 * <p>Same results and semantics as {@link WindowOperator} with the default event-time trigger
 * (the randomized model test runs both): a window fires when the watermark reaches its {@code
 * maxTimestamp}; an element whose last window is past {@code maxTimestamp + allowedLateness} is
 * late (side output, or counted); an allowed-late element fires every non-late window of its
 * slice whose end has passed, at once; a slice is removed when the last window containing it is
 * past its allowed lateness.
 *
 * <p>Timers: with sliding windows, when a slice gets its first element, one event-time timer per
 * window containing it (namespace: the window) and one cleanup timer for the slice (namespace:
 * the slice). Tumbling windows are aligned (every key's window ends at the same instants) and
 * have one slice per window, so they skip the timer service: a slice's first element appends its
 * key to the list of the window's end ({@link KeysByTime}), and to the list of its cleanup time
 * when there is allowed lateness; the watermark walks those lists.
 *
 * <p>Used by {@link WindowOperators} for tumbling windows with {@code reduce} or {@code
 * aggregate}, and sliding windows with {@code aggregate}, when there is no trigger, evictor or
 * window function. Not thread-safe: the subtask's thread only.
 */
public final class SlicingWindowOperator extends StreamOperator implements Triggerable<TimeWindow> {
  private static final String SLICES_STATE = "window-slices";

  // Configuration
  private final KeySelector<Object, Object> keySelector;
  private final SliceMath slices;
  private final long size;
  private final long sliceSize;
  private final long allowedLateness;
  private final OutputTag<Object> lateDataTag;
  private final AggregateFunction<Object, Object, Object> aggregate;
  private final ReduceFunction<Object> reduce;

  // Runtime
  private HeapKeyedStateBackend state;
  private InternalTimerService<TimeWindow> timers;
  private InternalValueState<TimeWindow, Object> accumulators;
  private long cachedSliceStart = Long.MIN_VALUE;
  private TimeWindow cachedSlice;
  /** Tumbling windows only: keys whose window ends (fires) at a time, and is cleaned up. */
  private final KeysByTime dueToFire = new KeysByTime();
  private final KeysByTime dueForCleanup = new KeysByTime();
  private final boolean tumbling;

  /** Exactly one of {@code aggregate} and {@code reduce}; {@code reduce} needs tumbling windows. */
  public SlicingWindowOperator(KeySelector<Object, Object> keySelector, SliceMath slices,
      long allowedLateness, OutputTag<Object> lateDataTag,
      AggregateFunction<Object, Object, Object> aggregate, ReduceFunction<Object> reduce) {
    if ((aggregate == null) == (reduce == null)) {
      throw new IllegalArgumentException("need exactly one of an aggregate and a reduce function");
    }
    if (reduce != null && slices.slicesPerWindow() != 1) {
      throw new IllegalArgumentException("reduce functions are only sliced for tumbling windows");
    }
    this.keySelector = keySelector;
    this.slices = slices;
    this.size = slices.size();
    this.sliceSize = slices.slice();
    this.allowedLateness = allowedLateness;
    this.lateDataTag = lateDataTag;
    this.aggregate = aggregate;
    this.reduce = reduce;
    this.tumbling = slices.slicesPerWindow() == 1;
  }

  @Override
  public void open() throws Exception {
    state = context.keyedState();
    timers = new InternalTimerService<>(state.keys(), context.processingTime(), context, this);
    accumulators = state.getPartitionedState(
        new ValueStateDescriptor<>(SLICES_STATE, Object.class));
    Object function = aggregate != null ? aggregate : reduce;
    if (function instanceof dev.runnel.api.functions.RichFunction rich) {
      rich.open(context);
    }
  }

  @Override
  public void close() throws Exception {
    Object function = aggregate != null ? aggregate : reduce;
    if (function instanceof dev.runnel.api.functions.RichFunction rich) {
      rich.close();
    }
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalArgumentException("an event-time window got a record without a timestamp: "
          + "assign timestamps with a WatermarkStrategy");
    }
    state.setCurrentKey(keySelector.getKey(record));
    long watermark = timers.currentWatermark();
    if (cleanupTime(slices.lastWindowStart(timestamp) + size - 1) <= watermark) {
      if (lateDataTag != null) {
        output.emitSide(lateDataTag, record, timestamp);
      } else {
        context.counters().lateRecordsDropped++;
      }
      return;
    }
    long sliceStart = slices.sliceStart(timestamp);
    TimeWindow slice = slice(sliceStart);
    accumulators.setCurrentNamespace(slice);
    Object acc = accumulators.value();
    boolean fresh = acc == null;
    if (aggregate != null) {
      if (fresh) {
        acc = aggregate.createAccumulator();
      }
      Object next = aggregate.add(record, acc);
      if (fresh || next != acc) {
        accumulators.update(next);
      }
    } else {
      accumulators.update(fresh ? record : reduce.reduce(acc, record));
    }
    if (fresh) {
      registerTimers(sliceStart, slice, watermark);
    }
    long firstStart = slices.firstWindowStart(sliceStart);
    if (firstStart + size - 1 <= watermark) {
      fireAllowedLate(sliceStart, firstStart, watermark);
    }
  }

  private TimeWindow slice(long start) {
    if (start != cachedSliceStart) {
      cachedSlice = new TimeWindow(start, start + sliceSize);
      cachedSliceStart = start;
    }
    return cachedSlice;
  }

  private void registerTimers(long sliceStart, TimeWindow slice, long watermark) {
    if (tumbling) {
      long max = sliceStart + size - 1;
      Object key = state.keys().currentKey();
      if (max > watermark) {
        dueToFire.add(max, key);
      }
      long cleanup = cleanupTime(max);
      if (cleanup != max || max <= watermark) {
        dueForCleanup.add(cleanup, key);
      }
      return;
    }
    long lastStart = slices.lastWindowStart(sliceStart);
    for (long w = slices.firstWindowStart(sliceStart); w <= lastStart; w += slices.slide()) {
      long max = w + size - 1;
      if (max > watermark) {
        timers.registerEventTimeTimer(w == sliceStart && size == sliceSize ? slice
            : new TimeWindow(w, w + size), max);
      }
    }
    timers.registerEventTimeTimer(slice, sliceCleanupTimer(sliceStart));
  }

  /**
   * When the slice at {@code sliceStart} is removed. With tumbling windows, the one window's
   * timer does it after firing. With sliding windows, one millisecond after the last window
   * containing the slice is past its lateness: timers of equal time fire in no set order, and the
   * slice must outlive that window's firing. Nothing can reach the slice in that millisecond: its
   * windows are all late by then.
   */
  private long sliceCleanupTimer(long sliceStart) {
    long cleanup = cleanupTime(slices.lastWindowStart(sliceStart) + size - 1);
    return size == sliceSize || cleanup == Long.MAX_VALUE ? cleanup : cleanup + 1;
  }

  /** An allowed-late element: fires again each window of its slice that already fired. */
  private void fireAllowedLate(long sliceStart, long firstStart, long watermark) throws Exception {
    long lastStart = slices.lastWindowStart(sliceStart);
    for (long w = firstStart; w <= lastStart; w += slices.slide()) {
      long max = w + size - 1;
      if (max <= watermark && cleanupTime(max) > watermark) {
        emitWindow(w);
      }
    }
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    timers.advanceWatermark(watermark);
    if (tumbling) {
      dueToFire.pollUpTo(watermark, (max, key) -> {
        state.setCurrentKey(key);
        emitWindow(max - size + 1);
        if (cleanupTime(max) == max) {
          clearSlice(max - size + 1);
        }
      });
      dueForCleanup.pollUpTo(watermark, (cleanup, key) -> {
        state.setCurrentKey(key);
        clearSlice(slices.sliceStart(cleanup - allowedLateness));
      });
    }
    output.emitWatermark(watermark);
  }

  @Override
  public void onEventTime(TimerKey<TimeWindow> timer) throws Exception {
    TimeWindow ns = timer.namespace();
    long length = ns.end() - ns.start();
    if (length == size && timer.timestamp() == ns.maxTimestamp()) {
      emitWindow(ns.start());
    }
    if (length == sliceSize && timer.timestamp() == sliceCleanupTimer(ns.start())) {
      accumulators.setCurrentNamespace(ns);
      accumulators.clear();
    }
  }

  @Override
  public void onProcessingTime(TimerKey<TimeWindow> timer) {}

  private void clearSlice(long start) {
    accumulators.setCurrentNamespace(slice(start));
    accumulators.clear();
  }

  private void emitWindow(long start) throws Exception {
    long end = start + size;
    Object result;
    if (size == sliceSize) {
      accumulators.setCurrentNamespace(slice(start));
      Object acc = accumulators.value();
      if (acc == null) {
        return;
      }
      result = aggregate != null ? aggregate.getResult(acc) : acc;
    } else {
      Object merged = null;
      for (long s = start; s < end; s += sliceSize) {
        accumulators.setCurrentNamespace(new TimeWindow(s, s + sliceSize));
        Object acc = accumulators.value();
        if (acc != null) {
          merged = aggregate.merge(merged == null ? aggregate.createAccumulator() : merged, acc);
        }
      }
      if (merged == null) {
        return;
      }
      result = aggregate.getResult(merged);
    }
    output.emit(result, end - 1);
  }

  private long cleanupTime(long maxTimestamp) {
    long t = maxTimestamp + allowedLateness;
    return t >= maxTimestamp ? t : Long.MAX_VALUE;
  }

  /** The pending timers, for tests. */
  public InternalTimerService<TimeWindow> timers() {
    return timers;
  }
}
