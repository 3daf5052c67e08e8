package dev.runnel.runtime.operators.window;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.functions.RichFunction;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.Window;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.operators.SavedWatermark;
import dev.runnel.runtime.operators.StreamOperator;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.TtlCleanup;
import java.util.List;

/**
 * What the specialised event-time window operators ({@link SlicingWindowOperator}, {@link
 * SessionWindowOperator}) share: one incremental function (an aggregate or a reduce function),
 * an optional {@link ProcessWindowFunction} applied once to each window's result, the late-data
 * rule for elements, and their own watermark (they fire from the watermark, not from timers).
 * Not thread-safe: the subtask's thread only.
 */
abstract class IncrementalWindowOperator extends StreamOperator {
  protected final KeySelector<Object, Object> keySelector;
  private final OutputTag<Object> lateDataTag;
  /** Exactly one of {@code aggregate} and {@code reduce} is set. */
  protected final AggregateFunction<Object, Object, Object> aggregate;
  protected final ReduceFunction<Object> reduce;
  private final ProcessWindowFunction<Object, Object, Object, Window> windowFunction;
  private final boolean mergingWindows;

  protected KeyedStateBackend state;
  /** Whether the backend stores the objects themselves (heap), so in-place changes need no put. */
  protected boolean objectsStored;
  /** The highest watermark seen (or restored). */
  protected long watermark = Long.MIN_VALUE;
  private boolean functionOpened;
  private boolean windowFunctionOpened;
  private WindowFunctionContext functionContext;
  private long firingTimestamp;
  private final Collector<Object> collector = value -> output.emit(value, firingTimestamp);

  protected IncrementalWindowOperator(KeySelector<Object, Object> keySelector,
      OutputTag<Object> lateDataTag, AggregateFunction<Object, Object, Object> aggregate,
      ReduceFunction<Object> reduce,
      ProcessWindowFunction<Object, Object, Object, Window> windowFunction,
      boolean mergingWindows) {
    if ((aggregate == null) == (reduce == null)) {
      throw new IllegalArgumentException("need exactly one of an aggregate and a reduce function");
    }
    this.keySelector = keySelector;
    this.lateDataTag = lateDataTag;
    this.aggregate = aggregate;
    this.reduce = reduce;
    this.windowFunction = windowFunction;
    this.mergingWindows = mergingWindows;
  }

  /** Registers the operator's keyed state; {@link #state} is set. */
  protected abstract void openState() throws Exception;

  @Override
  public final void open() throws Exception {
    state = context.keyedState();
    objectsStored = state.storesObjects();
    openState();
    if (incrementalFunction() instanceof RichFunction rich) {
      rich.open(context);
      functionOpened = true;
    }
    if (windowFunction != null) {
      functionContext = new WindowFunctionContext(state, () -> context.processingTime().now(),
          () -> watermark, output, mergingWindows);
      windowFunction.open(context);
      windowFunctionOpened = true;
    }
    TtlCleanup.startIfNeeded(state, context); // the window function's per-key state may have TTL
  }

  private Object incrementalFunction() {
    return aggregate != null ? aggregate : reduce;
  }

  @Override
  public final void close() throws Exception {
    try {
      if (windowFunctionOpened) {
        windowFunctionOpened = false;
        windowFunction.close();
      }
    } finally {
      if (functionOpened && incrementalFunction() instanceof RichFunction rich) {
        functionOpened = false;
        rich.close();
      }
    }
  }

  /**
   * Saves the watermark as operator state {@code name}: unlike Flink, these operators restore it,
   * as it decides which elements are late (see {@link SavedWatermark}).
   */
  protected void saveWatermark(OperatorSnapshotWriter writer, String name) {
    SavedWatermark.write(writer, name, watermark, context.maxParallelism());
  }

  /** Takes back the watermark saved as {@code name} (never moving it back). */
  protected void restoreWatermark(OperatorStateReader reader, String name) {
    watermark = Math.max(watermark, SavedWatermark.read(reader, name));
  }

  /** Fails on a record without a timestamp, which no event-time window can place. */
  protected static void requireTimestamp(long timestamp) {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalArgumentException("an event-time window got a record without a timestamp: "
          + "assign timestamps with a WatermarkStrategy");
    }
  }

  /** A record too late for any of its windows: to the late-data side output, or counted. */
  protected void late(Object record, long timestamp) {
    if (lateDataTag != null) {
      output.emitSide(lateDataTag, record, timestamp);
    } else {
      context.counters().lateRecordsDropped++;
    }
  }

  /**
   * Emits the result of the current key's window {@code [start, end)} (its accumulator or reduced
   * value), through the window function if there is one, stamped with {@code end - 1}. The window
   * never fires again: the function's per-window state goes at once.
   */
  protected void emitWindow(long start, long end, Object acc) throws Exception {
    Object result = aggregate != null ? aggregate.getResult(acc) : acc;
    if (windowFunction == null) {
      output.emit(result, end - 1);
      return;
    }
    firingTimestamp = end - 1;
    functionContext.window = new TimeWindow(start, end);
    windowFunction.process(state.keys().currentKey(), functionContext, List.of(result), collector);
    windowFunction.clear(functionContext);
    functionContext.clearWindowState();
  }
}
