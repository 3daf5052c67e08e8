package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedProcessFunction;
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
 * Runs a {@link KeyedProcessFunction}: sets the element's key on the keyed state before calling
 * the function, so its state and timers are that key's; fires its timers as the watermark and the
 * processing-time clock pass them, then forwards the watermark.
 *
 * <p><b>Checkpoints:</b> keyed state is the backend's; the operator snapshots its timers (event
 * and processing time) by key. The watermark is not saved, as in Flink: after a restore {@code
 * currentWatermark()} is {@code Long.MIN_VALUE} until the first watermark arrives.
 */
public final class KeyedProcessOperator
    extends UserFunctionOperator<KeyedProcessFunction<Object, Object, Object>>
    implements KeyedProcessFunction.OnTimerContext<Object>, Triggerable<Object> {
  private final KeySelector<Object, Object> keySelector;
  private KeyedStateBackend state;
  private KeyedFunctionTimers timers;
  private TimestampedCollector collector;

  public KeyedProcessOperator(
      KeyedProcessFunction<Object, Object, Object> function, KeySelector<Object, Object> keySelector) {
    super(function);
    this.keySelector = keySelector;
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
  public void processElement(Object record, long timestamp) throws Exception {
    state.setCurrentKey(keySelector.getKey(record));
    collector.setTimestamp(timestamp);
    function.processElement(record, this, collector);
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
