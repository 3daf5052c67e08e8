package dev.runnel.cep.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.cep.PatternProcessFunction;
import dev.runnel.cep.nfa.CompiledPattern;
import dev.runnel.cep.nfa.Nfa;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.operators.SavedWatermark;
import dev.runnel.runtime.operators.UserFunctionOperator;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.time.InternalTimerService;
import dev.runnel.runtime.time.TimerKey;
import dev.runnel.runtime.time.Triggerable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Matches a pattern per key with an {@link Nfa} whose partial matches live in keyed state, and
 * hands matches and timed-out partial matches to a {@link PatternProcessFunction}.
 *
 * <p><b>Event time:</b> an element is held in keyed state under its timestamp, with an event-time
 * timer there; when the watermark passes it, the elements of that key and timestamp are matched in
 * arrival order. Timers fire in time order, so each key's elements are matched sorted by
 * timestamp. An element without a timestamp fails the operator; one at or behind the watermark is
 * late (side output, or dropped and counted in {@code lateRecordsDropped}). A partial match
 * started at {@code t} gets a timer at {@code t + window}, which times it out.
 *
 * <p><b>Processing time:</b> an element is matched on arrival at the subtask clock's time; a
 * processing-time timer times partial matches out.
 *
 * <p><b>Checkpoints:</b> the NFA's state and held elements are keyed state; the operator snapshots
 * its timers by key and, like the interval join, its watermark, so that an element late before a
 * restore is late after it too and a restored operator matches exactly what the uninterrupted one
 * would have.
 */
@Internal
public final class CepOperator extends UserFunctionOperator<PatternProcessFunction<Object, Object>>
    implements Triggerable<String>, Nfa.Listener, PatternProcessFunction.Context {
  /** Timer namespaces: elements held for a timestamp, and the end of a partial match's window. */
  private static final String EVENTS = "events";
  private static final String TIMEOUT = "timeout";
  private static final String TIMERS_STREAM = "cep-timers";
  private static final String WATERMARK_STATE = "cep-watermark";

  // Configuration.
  private final KeySelector<Object, Object> keySelector;
  private final CompiledPattern pattern;
  private final boolean processingTime;
  private final OutputTag<?> lateTag;

  // Keyed state and timers, set in open().
  private KeyedStateBackend state;
  private Nfa nfa;
  private MapState<Long, ArrayList<Object>> held;
  private InternalTimerService<String> timers;

  // Transient, per call.
  private long outputTimestamp = Output.NO_TIMESTAMP;
  private Collector<Object> collector;

  CepOperator(PatternProcessFunction<Object, Object> function,
      KeySelector<Object, Object> keySelector, CompiledPattern pattern, boolean processingTime,
      OutputTag<?> lateTag) {
    super(function);
    this.keySelector = keySelector;
    this.pattern = pattern;
    this.processingTime = processingTime;
    this.lateTag = lateTag;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open() throws Exception {
    state = context.keyedState();
    nfa = Nfa.create(pattern, context);
    Class<ArrayList<Object>> listType = (Class<ArrayList<Object>>) (Class<?>) ArrayList.class;
    held = state.getState(new MapStateDescriptor<>("__cep-held", Long.class, listType));
    timers = new InternalTimerService<>(state.keys(), context.processingTime(), context, this);
    collector = value -> output.emit(value, outputTimestamp);
    super.open();
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    state.setCurrentKey(keySelector.getKey(record));
    if (processingTime) {
      long now = timers.currentProcessingTime();
      if (nfa.process(record, now, this) && pattern.hasWindow()) {
        timers.registerProcessingTimeTimer(TIMEOUT, now + pattern.windowMillis());
      }
      return;
    }
    if (timestamp == Output.NO_TIMESTAMP) {
      throw new IllegalArgumentException("CEP step '" + context.operatorName() + "' runs in event "
          + "time, but a record has no timestamp: assign timestamps with a WatermarkStrategy, or "
          + "call inProcessingTime() on the pattern stream");
    }
    long watermark = timers.currentWatermark();
    if (watermark != Watermark.NONE && timestamp <= watermark) {
      if (lateTag != null) {
        output.emitSide(lateTag, record, timestamp);
      } else {
        context.counters().lateRecordsDropped++;
      }
      return;
    }
    ArrayList<Object> atTime = held.get(timestamp);
    ArrayList<Object> updated = atTime == null ? new ArrayList<>(1) : new ArrayList<>(atTime);
    updated.add(record);
    held.put(timestamp, updated);
    timers.registerEventTimeTimer(EVENTS, timestamp);
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    timers.advanceWatermark(watermark);
    output.emitWatermark(watermark);
  }

  @Override
  public void onEventTime(TimerKey<String> timer) throws Exception {
    long time = timer.timestamp();
    if (TIMEOUT.equals(timer.namespace())) {
      nfa.advanceTime(time, this);
      return;
    }
    List<Object> elements = held.get(time);
    if (elements == null) {
      return;
    }
    held.remove(time);
    for (Object element : elements) {
      if (nfa.process(element, time, this) && pattern.hasWindow()) {
        timers.registerEventTimeTimer(TIMEOUT, time + pattern.windowMillis());
      }
    }
  }

  @Override
  public void onProcessingTime(TimerKey<String> timer) throws Exception {
    nfa.advanceTime(timer.timestamp(), this);
  }

  @Override
  public void snapshotState(OperatorSnapshotWriter writer) {
    timers.snapshot(writer, TIMERS_STREAM);
    SavedWatermark.write(writer, WATERMARK_STATE, timers.currentWatermark(),
        context.maxParallelism());
  }

  @Override
  public void restoreState(OperatorStateReader reader) {
    timers.restore(reader, TIMERS_STREAM);
    timers.restoreWatermark(SavedWatermark.read(reader, WATERMARK_STATE));
  }

  // Nfa.Listener

  @Override
  public void onMatch(Map<String, List<Object>> match, long timestamp) throws Exception {
    outputTimestamp = processingTime ? Output.NO_TIMESTAMP : timestamp;
    function.processMatch(match, this, collector);
  }

  @Override
  public void onTimeout(Map<String, List<Object>> partial, long timestamp) throws Exception {
    outputTimestamp = timestamp;
    function.processTimedOutMatch(partial, this);
  }

  // PatternProcessFunction.Context

  @Override
  public Long timestamp() {
    return outputTimestamp == Output.NO_TIMESTAMP ? null : outputTimestamp;
  }

  @Override
  public long currentProcessingTime() {
    return timers.currentProcessingTime();
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    output.emitSide(tag, value, outputTimestamp);
  }
}
