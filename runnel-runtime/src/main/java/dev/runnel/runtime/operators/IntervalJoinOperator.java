package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.ProcessJoinFunction;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.time.InternalTimerService;
import dev.runnel.runtime.time.TimerEntry;
import dev.runnel.runtime.time.TimerKey;
import dev.runnel.runtime.time.Triggerable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joins left (input 1) and right (input 2) records of equal key with {@code left.ts + lower <=
 * right.ts <= left.ts + upper} (bounds inclusive; the API narrows exclusive ones), in event time.
 *
 * <p><b>Per record:</b> a record without a timestamp fails the operator; a record at or behind the
 * watermark is dropped and counted ({@link OperatorCounters#lateRecordsDropped}); otherwise it is
 * buffered under its key and timestamp, joined with every buffered record of the other side that
 * is in bounds (each result stamped with the larger timestamp), and a cleanup timer is set.
 *
 * <p><b>Cleanup:</b> a left record at {@code t} can match right records up to {@code t + upper},
 * so it is removed when the watermark reaches {@code max(t, t + upper)}: every right record still
 * to come is then after it and out of bounds. Likewise a right record at {@code t} is removed at
 * {@code max(t, t - lower)}. Since late records are dropped, no match is ever lost to cleanup, and
 * the buffers hold only what the watermark has not passed.
 *
 * <p><b>Checkpoints:</b> the buffers are keyed state; the operator snapshots its cleanup timers by
 * key and, unlike Flink, its watermark (operator state {@value #WATERMARK_STATE}): which records
 * are late decides what is joined, so a restored join must drop exactly the records the
 * uninterrupted one would have dropped, or a record late before the failure would be joined with
 * records the uninterrupted join had already released. On restore at another parallelism a subtask
 * takes the smallest watermark of the old subtasks (see {@link SavedWatermark}).
 * The {@link #bufferedRecords} count is rebuilt from the restored timers (one per key, side and
 * timestamp buffered).
 */
public final class IntervalJoinOperator
    extends TwoInputStreamOperator<ProcessJoinFunction<Object, Object, Object>>
    implements ProcessJoinFunction.Context, Triggerable<String> {
  /** Timer namespaces: which buffer a cleanup timer is for. */
  private static final String LEFT = "left";
  private static final String RIGHT = "right";
  /** Checkpoint: the keyed stream of cleanup timers, and the operator-state list of watermarks. */
  private static final String TIMERS_STREAM = "interval-join-timers";
  static final String WATERMARK_STATE = "interval-join-watermark";

  // Configuration.
  private final KeySelector<Object, Object> leftKeySelector;
  private final KeySelector<Object, Object> rightKeySelector;
  private final long lowerMillis;
  private final long upperMillis;

  // Keyed state: each side's records by key, then by timestamp.
  private MapState<Long, List<Object>> leftBuffer;
  private MapState<Long, List<Object>> rightBuffer;
  private InternalTimerService<String> timers;
  private KeyedStateBackend state;

  // Transient, per call.
  private TimestampedCollector collector;
  private long leftTimestamp;
  private long rightTimestamp;
  private long bufferedRecords;

  public IntervalJoinOperator(ProcessJoinFunction<Object, Object, Object> function,
      KeySelector<Object, Object> leftKeySelector, KeySelector<Object, Object> rightKeySelector,
      long lowerMillis, long upperMillis) {
    super(function);
    if (lowerMillis > upperMillis) {
      throw new IllegalArgumentException(
          "lower bound " + lowerMillis + " ms is after upper bound " + upperMillis + " ms");
    }
    this.leftKeySelector = leftKeySelector;
    this.rightKeySelector = rightKeySelector;
    this.lowerMillis = lowerMillis;
    this.upperMillis = upperMillis;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open() throws Exception {
    state = context.keyedState();
    Class<List<Object>> listType = (Class<List<Object>>) (Class<?>) List.class;
    leftBuffer = state.getState(
        new MapStateDescriptor<>("__interval-join-left", Long.class, listType));
    rightBuffer = state.getState(
        new MapStateDescriptor<>("__interval-join-right", Long.class, listType));
    timers = new InternalTimerService<>(state.keys(), context.processingTime(), context, this);
    collector = new TimestampedCollector(output);
    super.open();
  }

  @Override
  public void processElement1(Object record, long timestamp) throws Exception {
    process(record, timestamp, true);
  }

  @Override
  public void processElement2(Object record, long timestamp) throws Exception {
    process(record, timestamp, false);
  }

  private void process(Object record, long timestamp, boolean isLeft) throws Exception {
    if (timestamp == Output.NO_TIMESTAMP) {
      throw new IllegalArgumentException("interval join '" + context.operatorName()
          + "' runs in event time, but a record of its " + (isLeft ? "left" : "right")
          + " input has no timestamp: assign timestamps with a WatermarkStrategy at the source "
          + "or with assignTimestampsAndWatermarks(...)");
    }
    state.setCurrentKey((isLeft ? leftKeySelector : rightKeySelector).getKey(record));
    long watermark = timers.currentWatermark();
    if (watermark != Watermark.NONE && timestamp <= watermark) {
      context.counters().lateRecordsDropped++;
      return;
    }
    MapState<Long, List<Object>> own = isLeft ? leftBuffer : rightBuffer;
    List<Object> atTime = own.get(timestamp);
    if (atTime == null) {
      atTime = new ArrayList<>(1);
    }
    atTime.add(record);
    own.put(timestamp, atTime);
    bufferedRecords++;

    for (Map.Entry<Long, List<Object>> other : (isLeft ? rightBuffer : leftBuffer).entries()) {
      long otherTimestamp = other.getKey();
      long left = isLeft ? timestamp : otherTimestamp;
      long right = isLeft ? otherTimestamp : timestamp;
      if (right < left + lowerMillis || right > left + upperMillis) {
        continue;
      }
      for (Object match : other.getValue()) {
        join(isLeft ? record : match, isLeft ? match : record, left, right);
      }
    }

    long cleanupTime = isLeft
        ? (upperMillis > 0 ? timestamp + upperMillis : timestamp)
        : (lowerMillis < 0 ? timestamp - lowerMillis : timestamp);
    timers.registerEventTimeTimer(isLeft ? LEFT : RIGHT, cleanupTime);
  }

  private void join(Object left, Object right, long leftTs, long rightTs) throws Exception {
    leftTimestamp = leftTs;
    rightTimestamp = rightTs;
    collector.setTimestamp(Math.max(leftTs, rightTs));
    function.processElement(left, right, this, collector);
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    timers.advanceWatermark(watermark);
    output.emitWatermark(watermark);
  }

  @Override
  public void onEventTime(TimerKey<String> timer) throws Exception {
    long time = timer.timestamp();
    if (LEFT.equals(timer.namespace())) {
      remove(leftBuffer, upperMillis > 0 ? time - upperMillis : time);
    } else {
      remove(rightBuffer, lowerMillis < 0 ? time + lowerMillis : time);
    }
  }

  private void remove(MapState<Long, List<Object>> buffer, long timestamp) throws Exception {
    List<Object> removed = buffer.get(timestamp);
    if (removed != null) {
      bufferedRecords -= removed.size();
      buffer.remove(timestamp);
    }
  }

  @Override
  public void snapshotState(OperatorSnapshotWriter writer) {
    timers.snapshot(writer, TIMERS_STREAM);
    SavedWatermark.write(writer, WATERMARK_STATE, timers.currentWatermark(),
        context.maxParallelism());
  }

  @Override
  public void restoreState(OperatorStateReader reader) throws Exception {
    for (TimerEntry timer : timers.restore(reader, TIMERS_STREAM)) {
      state.setCurrentKey(timer.key());
      long time = timer.timestamp();
      List<Object> buffered = LEFT.equals(timer.namespace())
          ? leftBuffer.get(upperMillis > 0 ? time - upperMillis : time)
          : rightBuffer.get(lowerMillis < 0 ? time + lowerMillis : time);
      if (buffered != null) {
        bufferedRecords += buffered.size();
      }
    }
    timers.restoreWatermark(SavedWatermark.read(reader, WATERMARK_STATE));
  }

  @Override
  public void onProcessingTime(TimerKey<String> timer) {
    throw new IllegalStateException("interval join sets no processing-time timers: " + timer);
  }

  /** Records buffered on both sides over all keys: what the watermark has not yet released. */
  public long bufferedRecords() {
    return bufferedRecords;
  }

  /** The pending cleanup timers, for tests. */
  public InternalTimerService<String> timers() {
    return timers;
  }

  // ProcessJoinFunction.Context

  @Override
  public long leftTimestamp() {
    return leftTimestamp;
  }

  @Override
  public long rightTimestamp() {
    return rightTimestamp;
  }

  @Override
  public long timestamp() {
    return collector.timestamp();
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    output.emitSide(tag, value, collector.timestamp());
  }
}
