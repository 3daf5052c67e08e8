package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.TimeDomain;
import dev.runnel.api.functions.TimerService;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.TtlCleanup;
import dev.runnel.runtime.time.InternalTimerService;
import dev.runnel.runtime.time.TimerKey;
import dev.runnel.runtime.time.Triggerable;

/**
 * Runs a {@link KeyedCoProcessFunction}. Both inputs share one keyed state backend and one timer
 * service: before a record reaches the function its key (from its input's key selector) is set as
 * the current key, so state and timers are that key's whichever input the record came on. Timers
 * fire as the combined watermark and the processing-time clock pass them; then the watermark is
 * forwarded.
 *
 * <p><b>Checkpoints:</b> keyed state is the backend's; the operator snapshots its timers (event
 * and processing time) by key. The watermark is not saved, as in Flink: after a restore {@code
 * currentWatermark()} is {@code Long.MIN_VALUE} until the first watermark arrives.
 */
public final class KeyedCoProcessOperator
    extends TwoInputStreamOperator<KeyedCoProcessFunction<Object, Object, Object, Object>>
    implements KeyedCoProcessFunction.OnTimerContext<Object>, Triggerable<Object> {
  /** Process functions have no windows: all their timers share one namespace. */
  private final KeySelector<Object, Object> keySelector1;
  private final KeySelector<Object, Object> keySelector2;
  private KeyedStateBackend state;
  private KeyedFunctionTimers timers;
  private TimestampedCollector collector;

  public KeyedCoProcessOperator(KeyedCoProcessFunction<Object, Object, Object, Object> function,
      KeySelector<Object, Object> keySelector1, KeySelector<Object, Object> keySelector2) {
    super(function);
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
  }

  @Override
  public void open() throws Exception {
    state = context.keyedState();
    timers = new KeyedFunctionTimers(
        new InternalTimerService<>(state.keys(), context.processingTime(), context, this));
    collector = new TimestampedCollector(output);
    super.open();
    TtlCleanup.startIfNeeded(state, context);
  }

  @Override
  public void processElement1(Object record, long timestamp) throws Exception {
    state.setCurrentKey(keySelector1.getKey(record));
    collector.setTimestamp(timestamp);
    function.processElement1(record, this, collector);
  }

  @Override
  public void processElement2(Object record, long timestamp) throws Exception {
    state.setCurrentKey(keySelector2.getKey(record));
    collector.setTimestamp(timestamp);
    function.processElement2(record, this, collector);
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    timers.internal().advanceWatermark(watermark);
    output.emitWatermark(watermark);
  }

  @Override
  public void onEventTime(TimerKey<Object> timer) throws Exception {
    collector.setTimestamp(timer.timestamp());
    fire(timer, TimeDomain.EVENT_TIME);
  }

  @Override
  public void onProcessingTime(TimerKey<Object> timer) throws Exception {
    collector.setTimestamp(Output.NO_TIMESTAMP);
    fire(timer, TimeDomain.PROCESSING_TIME);
  }

  private void fire(TimerKey<Object> timer, TimeDomain domain) throws Exception {
    timers.fire(domain, () -> function.onTimer(timer.timestamp(), this, collector));
  }

  /** The function's timers, both domains, as keyed stream {@value KeyedFunctionTimers#STREAM}. */
  @Override
  public void snapshotState(OperatorSnapshotWriter writer) {
    timers.snapshot(writer);
  }

  @Override
  public void restoreState(OperatorStateReader reader) {
    timers.restore(reader);
  }

  /** The pending timers, for tests. */
  public InternalTimerService<Object> timers() {
    return timers.internal();
  }

  // Context

  @Override
  public Long timestamp() {
    return apiTimestamp(collector.timestamp());
  }

  @Override
  public Object getCurrentKey() {
    return state.keys().currentKey();
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    output.emitSide(tag, value, collector.timestamp());
  }

  @Override
  public TimerService timerService() {
    return timers;
  }

  @Override
  public TimeDomain timeDomain() {
    return timers.timeDomain();
  }
}
