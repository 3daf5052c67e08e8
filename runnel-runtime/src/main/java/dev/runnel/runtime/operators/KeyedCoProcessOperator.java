package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.TimeDomain;
import dev.runnel.api.functions.TimerService;
import dev.runnel.runtime.state.HeapKeyedStateBackend;
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
 */
public final class KeyedCoProcessOperator
    extends TwoInputStreamOperator<KeyedCoProcessFunction<Object, Object, Object, Object>>
    implements KeyedCoProcessFunction.OnTimerContext<Object>, TimerService, Triggerable<Object> {
  /** Process functions have no windows: all their timers share one namespace. */
  private static final Object NO_NAMESPACE = null;

  private final KeySelector<Object, Object> keySelector1;
  private final KeySelector<Object, Object> keySelector2;
  private HeapKeyedStateBackend state;
  private InternalTimerService<Object> timers;
  private TimestampedCollector collector;
  private TimeDomain firingDomain;

  public KeyedCoProcessOperator(KeyedCoProcessFunction<Object, Object, Object, Object> function,
      KeySelector<Object, Object> keySelector1, KeySelector<Object, Object> keySelector2) {
    super(function);
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
  }

  @Override
  public void open() throws Exception {
    state = context.keyedState();
    timers = new InternalTimerService<>(state.keys(), context.processingTime(), context, this);
    collector = new TimestampedCollector(output);
    super.open();
    TtlCleanup.startIfNeeded(state, context);
  }

  @Override
  public void processElement1(Object record, long timestamp) throws Exception {
    state.setCurrentKey(keySelector1.getKey(record));
    collector.setTimestamp(timestamp);
    firingDomain = null;
    function.processElement1(record, this, collector);
  }

  @Override
  public void processElement2(Object record, long timestamp) throws Exception {
    state.setCurrentKey(keySelector2.getKey(record));
    collector.setTimestamp(timestamp);
    firingDomain = null;
    function.processElement2(record, this, collector);
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    timers.advanceWatermark(watermark);
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
    firingDomain = domain;
    try {
      function.onTimer(timer.timestamp(), this, collector);
    } finally {
      firingDomain = null;
    }
  }

  /** The pending timers, for tests. */
  public InternalTimerService<Object> timers() {
    return timers;
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
    return this;
  }

  @Override
  public TimeDomain timeDomain() {
    if (firingDomain == null) {
      throw new IllegalStateException("timeDomain() is only defined inside onTimer(...)");
    }
    return firingDomain;
  }

  // TimerService

  @Override
  public long currentProcessingTime() {
    return timers.currentProcessingTime();
  }

  @Override
  public long currentWatermark() {
    return timers.currentWatermark();
  }

  @Override
  public void registerEventTimeTimer(long time) {
    timers.registerEventTimeTimer(NO_NAMESPACE, time);
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(NO_NAMESPACE, time);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(NO_NAMESPACE, time);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(NO_NAMESPACE, time);
  }
}
