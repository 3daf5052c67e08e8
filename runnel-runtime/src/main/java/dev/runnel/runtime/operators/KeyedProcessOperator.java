package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.TimeDomain;
import dev.runnel.api.functions.TimerService;
import dev.runnel.runtime.state.HeapKeyedStateBackend;
import dev.runnel.runtime.state.TtlCleanup;
import dev.runnel.runtime.time.InternalTimerService;
import dev.runnel.runtime.time.TimerKey;
import dev.runnel.runtime.time.Triggerable;

/**
 * Runs a {@link KeyedProcessFunction}: sets the element's key on the keyed state before calling
 * the function, so its state and timers are that key's; fires its timers as the watermark and the
 * processing-time clock pass them, then forwards the watermark.
 */
public final class KeyedProcessOperator
    extends UserFunctionOperator<KeyedProcessFunction<Object, Object, Object>>
    implements KeyedProcessFunction.OnTimerContext<Object>, TimerService, Triggerable<Object> {
  /** Process functions have no windows: all their timers share one namespace. */
  private static final Object NO_NAMESPACE = null;

  private final KeySelector<Object, Object> keySelector;
  private HeapKeyedStateBackend state;
  private InternalTimerService<Object> timers;
  private TimestampedCollector collector;
  private TimeDomain firingDomain;

  public KeyedProcessOperator(
      KeyedProcessFunction<Object, Object, Object> function, KeySelector<Object, Object> keySelector) {
    super(function);
    this.keySelector = keySelector;
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
  public void processElement(Object record, long timestamp) throws Exception {
    state.setCurrentKey(keySelector.getKey(record));
    collector.setTimestamp(timestamp);
    firingDomain = null;
    function.processElement(record, this, collector);
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
