package dev.runnel.runtime.operators.window;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.Window;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.state.InternalValueState;
import dev.runnel.runtime.state.VoidNamespace;

/**
 * Event-time tumbling and sliding windows with an incremental function, sharing work across
 * overlapping windows: each element is folded into the one accumulator of its slice ({@link
 * SliceMath}); a window that fires merges the accumulators of its slices with {@link
 * AggregateFunction#merge} into a fresh accumulator. An element costs one state update however
 * many windows it belongs to; a firing reads {@code size / slice} slots of the key's {@link
 * SliceBuffer} (tumbling windows, one slice each, keep it in keyed state under the slice).
 *
 * <p>Same results and semantics as {@link WindowOperator} with the default event-time trigger
 * (the randomized model test runs both): a window fires when the watermark reaches its {@code
 * maxTimestamp}; an element whose last window is past {@code maxTimestamp + allowedLateness} is
 * late (side output, or counted); an allowed-late element fires every non-late window of its
 * slice whose end has passed, at once; a slice is removed when the last window containing it is
 * past its allowed lateness.
 *
 * <p>Timers: windows are aligned (every key's windows end at the same instants), so instead of one
 * timer object per key and window the operator keeps, per instant, the list of keys due then
 * ({@link KeysByTime}): to fire a window, and to remove slices. When a slice of a key gets its
 * first element, the key is added for the ends of the slice's windows that are not yet due for
 * it: per key the due window ends form one contiguous range (kept in keyed state), so in-order
 * input adds one end per new slice rather than {@code size / slide}. Out-of-order input may add
 * windows in a gap of the range; they fire with no slices and emit nothing. All fires due at a
 * watermark run before the slice removals due at it.
 *
 * <p><b>Checkpoints:</b> accumulators, slice buffers and due ranges are keyed state (always written
 * back after a change, so a backend of bytes such as RocksDB sees it). The operator snapshots its
 * in-memory indexes {@code dueToFire} and {@code dueForCleanup} as keyed streams ({@value
 * #DUE_TO_FIRE_STREAM}, {@value #DUE_FOR_CLEANUP_STREAM}: each entry's time, under its key), and,
 * unlike Flink, its watermark (operator state {@value #WATERMARK_STATE}): it decides which elements
 * are late and which windows a new slice still has to fire, so a restored operator must see it to
 * give the results of an uninterrupted one (the same choice as {@link WindowOperator}). On restore
 * at another parallelism a subtask takes the smallest watermark of the old subtasks (see {@link
 * dev.runnel.runtime.operators.SavedWatermark}).
 *
 * <p><b>Window function.</b> With a {@link ProcessWindowFunction} after the incremental function
 * ({@code aggregate(agg, fn)}, {@code reduce(r, fn)}), a firing window hands the function its one
 * result with the window's metadata, as {@link WindowOperator} does; only without allowed lateness,
 * where a window fires once, so that its per-window state can be cleared right after.
 *
 * <p>Used by {@link WindowOperators} for tumbling windows with {@code reduce} or {@code
 * aggregate}, and sliding windows with {@code aggregate}, when there is no trigger or evictor.
 * Not thread-safe: the subtask's thread only.
 */
public final class SlicingWindowOperator extends IncrementalWindowOperator {
  private static final String SLICES_STATE = "window-slices";
  private static final String DUE_RANGE_STATE = "window-due-range";
  private static final String SLICE_BUFFER_STATE = "window-slice-buffer";
  static final String DUE_TO_FIRE_STREAM = "slicing-due-to-fire";
  static final String DUE_FOR_CLEANUP_STREAM = "slicing-due-for-cleanup";
  static final String WATERMARK_STATE = "slicing-watermark";

  // Configuration
  private final SliceMath slices;
  private final long size;
  private final long sliceSize;
  private final long allowedLateness;

  // Runtime
  /** Tumbling windows: one accumulator per key and slice, under the slice as namespace. */
  private InternalValueState<TimeWindow, Object> accumulators;
  /** Sliding windows: per key, all its slice accumulators. */
  private InternalValueState<VoidNamespace, SliceBuffer> sliceBuffers;
  /** Sliding windows: per key, the first and last window end it is due to fire at. */
  private InternalValueState<VoidNamespace, long[]> dueRange;
  private long cachedSliceStart = Long.MIN_VALUE;
  private TimeWindow cachedSlice;
  /** Keys whose window ends (fires) at a time, and whose slices are removed at a time. */
  private final KeysByTime dueToFire = new KeysByTime();
  private final KeysByTime dueForCleanup = new KeysByTime();
  private final boolean tumbling;

  /** Exactly one of {@code aggregate} and {@code reduce}; {@code reduce} needs tumbling windows. */
  public SlicingWindowOperator(KeySelector<Object, Object> keySelector, SliceMath slices,
      long allowedLateness, OutputTag<Object> lateDataTag,
      AggregateFunction<Object, Object, Object> aggregate, ReduceFunction<Object> reduce) {
    this(keySelector, slices, allowedLateness, lateDataTag, aggregate, reduce, null);
  }

  /**
   * @param windowFunction applied to each window's result, or null to emit the result itself;
   *     only without allowed lateness
   */
  public SlicingWindowOperator(KeySelector<Object, Object> keySelector, SliceMath slices,
      long allowedLateness, OutputTag<Object> lateDataTag,
      AggregateFunction<Object, Object, Object> aggregate, ReduceFunction<Object> reduce,
      ProcessWindowFunction<Object, Object, Object, Window> windowFunction) {
    super(keySelector, lateDataTag, aggregate, reduce, windowFunction, false);
    if (windowFunction != null && allowedLateness != 0) {
      throw new IllegalArgumentException(
          "a sliced window step with a window function cannot have allowed lateness");
    }
    if (reduce != null && slices.slicesPerWindow() != 1) {
      throw new IllegalArgumentException("reduce functions are only sliced for tumbling windows");
    }
    this.slices = slices;
    this.size = slices.size();
    this.sliceSize = slices.slice();
    this.allowedLateness = allowedLateness;
    this.tumbling = slices.slicesPerWindow() == 1;
  }

  @Override
  protected void openState() {
    accumulators = state.getPartitionedState(
        new ValueStateDescriptor<>(SLICES_STATE, Object.class));
    sliceBuffers = state.getPartitionedState(
        new ValueStateDescriptor<>(SLICE_BUFFER_STATE, SliceBuffer.class));
    dueRange = state.getPartitionedState(
        new ValueStateDescriptor<>(DUE_RANGE_STATE, long[].class));
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    requireTimestamp(timestamp);
    state.setCurrentKey(keySelector.getKey(record));
    if (cleanupTime(slices.lastWindowStart(timestamp) + size - 1) <= watermark) {
      late(record, timestamp);
      return;
    }
    long sliceStart = slices.sliceStart(timestamp);
    boolean fresh = tumbling ? addTumbling(record, sliceStart) : addSliding(record, sliceStart);
    if (fresh) {
      registerDue(sliceStart);
    }
    long firstStart = slices.firstWindowStart(sliceStart);
    if (firstStart + size - 1 <= watermark) {
      fireAllowedLate(sliceStart, firstStart, watermark);
    }
  }

  /** Adds to the slice's own state entry; returns whether the slice was new. */
  private boolean addTumbling(Object record, long sliceStart) throws Exception {
    accumulators.setCurrentNamespace(slice(sliceStart));
    Object acc = accumulators.value();
    boolean fresh = acc == null;
    if (aggregate != null) {
      if (fresh) {
        acc = aggregate.createAccumulator();
      }
      Object next = aggregate.add(record, acc);
      // Written back even when add(...) changed acc in place if the backend keeps bytes (a copy);
      // on the heap the stored object is acc itself.
      if (fresh || next != acc || !objectsStored) {
        accumulators.update(next);
      }
    } else {
      accumulators.update(fresh ? record : reduce.reduce(acc, record));
    }
    return fresh;
  }

  /** Adds to the slice in the key's buffer; returns whether the slice was new. */
  private boolean addSliding(Object record, long sliceStart) throws Exception {
    sliceBuffers.setCurrentNamespace(VoidNamespace.INSTANCE);
    SliceBuffer buffer = sliceBuffers.value();
    if (buffer == null) {
      buffer = new SliceBuffer();
    }
    long n = sliceNumber(sliceStart);
    Object acc = buffer.get(n);
    boolean fresh = acc == null;
    Object next = aggregate.add(record, fresh ? aggregate.createAccumulator() : acc);
    if (fresh || next != acc) {
      buffer.put(n, next);
    }
    // Written back after every change (the buffer and acc change in place) when the backend keeps
    // bytes (a copy); on the heap the stored buffer is this object, unless it is new.
    if (fresh || !objectsStored) {
      sliceBuffers.update(buffer);
    }
    return fresh;
  }

  private long sliceNumber(long sliceStart) {
    return Math.floorDiv(sliceStart, sliceSize);
  }

  private TimeWindow slice(long start) {
    if (start != cachedSliceStart) {
      cachedSlice = new TimeWindow(start, start + sliceSize);
      cachedSliceStart = start;
    }
    return cachedSlice;
  }

  /** The current key's slice at {@code sliceStart} got its first element: make it due. */
  private void registerDue(long sliceStart) throws Exception {
    Object key = state.keys().currentKey();
    long lastEnd = slices.lastWindowStart(sliceStart) + size - 1;
    long cleanup = cleanupTime(lastEnd);
    if (cleanup != Long.MAX_VALUE && (!tumbling || cleanup != lastEnd)) {
      dueForCleanup.add(cleanup, key); // tumbling without lateness: the firing removes it
    }
    if (tumbling) {
      if (lastEnd > watermark) {
        dueToFire.add(lastEnd, key);
      }
      return;
    }
    long slide = slices.slide();
    long lo = slices.firstWindowStart(sliceStart) + size - 1;
    if (lo <= watermark) {
      lo += ((watermark - lo) / slide + 1) * slide; // windows that ended have fired already
    }
    if (lo > lastEnd) {
      return;
    }
    dueRange.setCurrentNamespace(VoidNamespace.INSTANCE);
    long[] range = dueRange.value();
    if (range == null || range[1] <= watermark) {
      addDue(lo, lastEnd, key);
      dueRange.update(new long[] {lo, lastEnd});
      return;
    }
    boolean changed = false;
    if (lo < range[0]) {
      addDue(lo, range[0] - slide, key);
      range[0] = lo;
      changed = true;
    }
    if (lastEnd > range[1]) {
      addDue(range[1] + slide, lastEnd, key);
      range[1] = lastEnd;
      changed = true;
    }
    if (changed) {
      dueRange.update(range); // changed in place: write back for a backend of bytes
    }
  }

  private void addDue(long fromEnd, long toEnd, Object key) {
    for (long end = fromEnd; end <= toEnd; end += slices.slide()) {
      dueToFire.add(end, key);
    }
  }

  /** An allowed-late element: fires again each window of its slice that already fired. */
  private void fireAllowedLate(long sliceStart, long firstStart, long watermark) throws Exception {
    long lastStart = slices.lastWindowStart(sliceStart);
    for (long w = firstStart; w <= lastStart; w += slices.slide()) {
      long max = w + size - 1;
      if (max <= watermark && cleanupTime(max) > watermark) {
        fireWindow(w);
      }
    }
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    // Never back: after a restore that handed back a watermark, the first ones may be lower.
    this.watermark = Math.max(this.watermark, watermark);
    dueToFire.pollUpTo(watermark, (max, key) -> {
      state.setCurrentKey(key);
      fireWindow(max - size + 1);
      if (tumbling) {
        if (cleanupTime(max) == max) {
          clearSlice(max - size + 1);
        }
      } else {
        dueRange.setCurrentNamespace(VoidNamespace.INSTANCE);
        long[] range = dueRange.value();
        if (range != null && range[1] <= max) {
          dueRange.clear();
        }
      }
    });
    dueForCleanup.pollUpTo(watermark, (cleanup, key) -> {
      state.setCurrentKey(key);
      long lastStart = cleanup - allowedLateness - size + 1;
      for (long s = lastStart; s < lastStart + slices.slide(); s += sliceSize) {
        clearSlice(s);
      }
    });
    output.emitWatermark(watermark);
  }

  private void clearSlice(long start) throws Exception {
    if (tumbling) {
      accumulators.setCurrentNamespace(slice(start));
      accumulators.clear();
      return;
    }
    sliceBuffers.setCurrentNamespace(VoidNamespace.INSTANCE);
    SliceBuffer buffer = sliceBuffers.value();
    if (buffer != null) {
      buffer.remove(sliceNumber(start));
      if (buffer.isEmpty()) {
        sliceBuffers.clear();
      } else {
        sliceBuffers.update(buffer); // changed in place: write back for a backend of bytes
      }
    }
  }

  /** Emits the current key's window starting at {@code start}, if any of its slices has data. */
  private void fireWindow(long start) throws Exception {
    if (size == sliceSize) {
      accumulators.setCurrentNamespace(slice(start));
      Object acc = accumulators.value();
      if (acc != null) {
        emitWindow(start, start + size, acc);
      }
      return;
    }
    sliceBuffers.setCurrentNamespace(VoidNamespace.INSTANCE);
    SliceBuffer buffer = sliceBuffers.value();
    if (buffer == null) {
      return;
    }
    Object merged = null;
    long first = sliceNumber(start);
    long last = first + slices.slicesPerWindow();
    for (long n = first; n < last; n++) {
      Object acc = buffer.get(n);
      if (acc != null) {
        merged = aggregate.merge(merged == null ? aggregate.createAccumulator() : merged, acc);
      }
    }
    if (merged != null) {
      emitWindow(start, start + size, merged);
    }
  }

  private long cleanupTime(long maxTimestamp) {
    long t = maxTimestamp + allowedLateness;
    return t >= maxTimestamp ? t : Long.MAX_VALUE;
  }

  @Override
  public void snapshotState(OperatorSnapshotWriter writer) throws Exception {
    dueToFire.snapshot(writer, DUE_TO_FIRE_STREAM);
    dueForCleanup.snapshot(writer, DUE_FOR_CLEANUP_STREAM);
    saveWatermark(writer, WATERMARK_STATE);
  }

  @Override
  public void restoreState(OperatorStateReader reader) {
    dueToFire.restore(reader, DUE_TO_FIRE_STREAM);
    dueForCleanup.restore(reader, DUE_FOR_CLEANUP_STREAM);
    restoreWatermark(reader, WATERMARK_STATE);
  }

  /** One entry of a {@link KeysByTime} index, as a checkpoint keeps it. */
  record DueEntry(long time, Object key) {}

  /** Number of pending (time, key) entries to fire and to clean up, for tests. */
  public int pendingCount() {
    return dueToFire.size() + dueForCleanup.size();
  }
}
