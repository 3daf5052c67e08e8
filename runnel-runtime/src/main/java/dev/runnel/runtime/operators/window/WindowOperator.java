package dev.runnel.runtime.operators.window;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.RichFunction;
import dev.runnel.api.internal.WindowDefinition;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.Evictor;
import dev.runnel.api.window.MergingWindowAssigner;
import dev.runnel.api.window.Trigger;
import dev.runnel.api.window.TriggerResult;
import dev.runnel.api.window.Window;
import dev.runnel.api.window.WindowAssigner;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.operators.SavedWatermark;
import dev.runnel.runtime.operators.StreamOperator;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.InternalValueState;
import dev.runnel.runtime.state.TtlCleanup;
import dev.runnel.runtime.state.VoidNamespace;
import dev.runnel.runtime.time.InternalTimerService;
import dev.runnel.runtime.time.TimerKey;
import dev.runnel.runtime.time.Triggerable;
import java.util.Collection;
import java.util.HashMap;

/**
 * The general window operator of a keyed stream: assigns each element to windows, keeps each
 * window's contents in keyed state under the window as namespace, asks the trigger on every
 * element and timer, and evaluates the window function when it fires.
 *
 * <p>Event-time semantics (as Flink's): the default trigger fires a window when the watermark
 * reaches its {@code maxTimestamp}. A window is <em>late</em> once {@code maxTimestamp +
 * allowedLateness <= watermark}; elements are not added to late windows, and an element all of
 * whose windows are late goes to the late side output or is counted as dropped ({@code
 * lateRecordsDropped}). A window's state is removed by a cleanup timer at {@code maxTimestamp +
 * allowedLateness} (at {@code maxTimestamp} for processing-time windows; never for the global
 * window). Results are stamped with the window's {@code maxTimestamp}.
 *
 * <p>Merging assigners (sessions) keep, per key, a {@link MergingWindowSet} in keyed state; when
 * windows merge, their contents and trigger state merge and the merged windows' timers go.
 *
 * <p><b>Checkpoints:</b> window contents, trigger state and merging sets are keyed state; the
 * operator snapshots its timers (trigger and cleanup timers, both domains) by key, and, unlike
 * Flink, its watermark (operator state {@value #WATERMARK_STATE}): which windows are late decides
 * whether an element is added, re-fires a window or is dropped, so a restored operator must treat
 * late elements as the uninterrupted one would (else an element late before the failure would open
 * a window that already fired and was purged, and fire it again with partial contents). On restore
 * at another parallelism a subtask takes the smallest watermark of the old subtasks (see {@link
 * SavedWatermark}).
 *
 * <p>Not thread-safe: the subtask's thread only.
 */
public final class WindowOperator extends StreamOperator implements Triggerable<Window> {
  private static final String MERGING_SET_STATE = "window-merging-set";
  private static final String TIMERS_STREAM = "window-timers";
  static final String WATERMARK_STATE = "window-watermark";

  // Configuration
  private final KeySelector<Object, Object> keySelector;
  private final WindowDefinition definition;
  private final WindowAssigner<Object, Window> assigner;
  private final Trigger<Object, Window> trigger;
  private final ProcessWindowFunction<Object, Object, Object, Window> windowFunction;
  private final long allowedLateness;
  private final OutputTag<Object> lateDataTag;
  private final boolean eventTime;
  private final MergingWindowAssigner<Object, Window> mergingAssigner;

  // Runtime, created in open()
  private KeyedStateBackend state;
  private boolean objectsStored;
  /** Whether the map of the last {@link #mergingSet()} is new, not (yet) in state. */
  private boolean mergingMapFresh;
  private InternalTimerService<Window> timers;
  private WindowContents contents;
  private InternalValueState<VoidNamespace, HashMap<Window, Window>> mergingSets;
  private WindowTriggerContext triggerContext;
  private WindowFunctionContext functionContext;
  private WindowCollector collector;
  private boolean functionOpened;
  private final WindowAssigner.Context assignerContext = this::currentProcessingTime;
  private final Evictor.Context evictorContext = new Evictor.Context() {
    @Override
    public long currentProcessingTime() {
      return timers.currentProcessingTime();
    }

    @Override
    public long currentWatermark() {
      return timers.currentWatermark();
    }
  };

  @SuppressWarnings({"unchecked", "rawtypes"})
  public WindowOperator(WindowDefinition definition, KeySelector<Object, Object> keySelector) {
    this.definition = definition;
    this.keySelector = keySelector;
    this.assigner = definition.assigner();
    this.trigger = definition.effectiveTrigger();
    this.windowFunction = definition.windowFunction() != null
        ? definition.windowFunction() : (ProcessWindowFunction) new PassThroughWindowFunction();
    this.allowedLateness = definition.allowedLatenessMillis();
    this.lateDataTag = definition.lateDataTag();
    this.eventTime = assigner.isEventTime();
    this.mergingAssigner =
        assigner instanceof MergingWindowAssigner m ? (MergingWindowAssigner) m : null;
    if (mergingAssigner != null && !trigger.canMerge()) {
      throw new IllegalArgumentException("merging windows (" + assigner
          + ") need a trigger that can merge; " + trigger + " cannot");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  public void open() throws Exception {
    state = context.keyedState();
    objectsStored = state.storesObjects();
    timers = new InternalTimerService<>(state.keys(), context.processingTime(), context, this);
    contents = createContents();
    if (mergingAssigner != null) {
      mergingSets = state.getPartitionedState(
          new ValueStateDescriptor<>(MERGING_SET_STATE, (Class) HashMap.class));
    }
    triggerContext = new WindowTriggerContext(state, timers);
    functionContext = new WindowFunctionContext(state, timers, output, mergingAssigner != null);
    collector = new WindowCollector();
    windowFunction.open(context);
    functionOpened = true;
    if (incrementalFunction() instanceof RichFunction rich) {
      rich.open(context); // as the sliced operator does, so that both paths behave alike
    }
    TtlCleanup.startIfNeeded(state, context);
  }

  private WindowContents createContents() {
    if (definition.evictor() != null) {
      return new EvictingContents(state, definition.evictor(), definition.reduceFunction(),
          definition.aggregateFunction());
    }
    if (definition.reduceFunction() != null) {
      return IncrementalContents.reducing(state, definition.reduceFunction());
    }
    if (definition.aggregateFunction() != null) {
      return IncrementalContents.aggregating(state, definition.aggregateFunction());
    }
    return new ListContents(state);
  }

  @Override
  public void close() throws Exception {
    if (functionOpened) {
      functionOpened = false;
      try {
        windowFunction.close();
      } finally {
        if (incrementalFunction() instanceof RichFunction rich) {
          rich.close();
        }
      }
    }
  }

  private Object incrementalFunction() {
    return definition.reduceFunction() != null
        ? definition.reduceFunction() : definition.aggregateFunction();
  }

  private long currentProcessingTime() {
    return timers.currentProcessingTime();
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    state.setCurrentKey(keySelector.getKey(record));
    Collection<Window> windows = assigner.assignWindows(record, timestamp, assignerContext);
    boolean skipped = true;
    if (mergingAssigner != null) {
      MergingWindowSet<Window> set = mergingSet();
      for (Window w : windows) {
        Window actual = set.addWindow(w, this::onMerge);
        if (isWindowLate(actual)) {
          set.retireWindow(actual);
          continue;
        }
        skipped = false;
        addAndTrigger(record, timestamp, actual, set.stateWindow(actual));
      }
      saveMergingSet(set);
    } else {
      for (Window w : windows) {
        if (isWindowLate(w)) {
          continue;
        }
        skipped = false;
        addAndTrigger(record, timestamp, w, w);
      }
    }
    if (skipped && eventTime && cleanupTime(timestamp) <= timers.currentWatermark()) {
      if (lateDataTag != null) {
        output.emitSide(lateDataTag, record, timestamp);
      } else {
        context.counters().lateRecordsDropped++;
      }
    }
  }

  private void addAndTrigger(Object record, long timestamp, Window window, Window stateWindow)
      throws Exception {
    contents.setWindow(stateWindow);
    contents.add(record, timestamp);
    triggerContext.window = window;
    TriggerResult result = trigger.onElement(record, timestamp, window, triggerContext);
    act(result, window, stateWindow);
    registerCleanupTimer(window);
  }

  private void act(TriggerResult result, Window window, Window stateWindow) throws Exception {
    if (result.isFire()) {
      fire(window, stateWindow);
    }
    if (result.isPurge()) {
      contents.setWindow(stateWindow);
      contents.clear();
    }
  }

  private void fire(Window window, Window stateWindow) throws Exception {
    contents.setWindow(stateWindow);
    Iterable<Object> values = contents.forFiring(window, evictorContext);
    if (values == null) {
      return;
    }
    collector.timestamp = window.maxTimestamp();
    functionContext.window = window;
    windowFunction.process(state.keys().currentKey(), functionContext, values, collector);
    contents.setWindow(stateWindow);
    contents.afterFiring(window, evictorContext);
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    timers.advanceWatermark(watermark);
    output.emitWatermark(watermark);
  }

  @Override
  public void onEventTime(TimerKey<Window> timer) throws Exception {
    onTimer(timer, true);
  }

  @Override
  public void onProcessingTime(TimerKey<Window> timer) throws Exception {
    onTimer(timer, false);
  }

  private void onTimer(TimerKey<Window> timer, boolean eventTimer) throws Exception {
    Window window = timer.namespace();
    Window stateWindow = window;
    MergingWindowSet<Window> set = null;
    if (mergingAssigner != null) {
      set = mergingSet();
      stateWindow = set.stateWindow(window);
      if (stateWindow == null) {
        return; // the window merged away or was cleaned up; its trigger left a timer behind
      }
    }
    triggerContext.window = window;
    TriggerResult result = eventTimer
        ? trigger.onEventTime(timer.timestamp(), window, triggerContext)
        : trigger.onProcessingTime(timer.timestamp(), window, triggerContext);
    act(result, window, stateWindow);
    if (eventTimer == eventTime && timer.timestamp() == cleanupTime(window)) {
      clearAllState(window, stateWindow, set);
    }
    if (set != null) {
      saveMergingSet(set);
    }
  }

  private void clearAllState(Window window, Window stateWindow, MergingWindowSet<Window> set)
      throws Exception {
    contents.setWindow(stateWindow);
    contents.clear();
    triggerContext.window = window;
    trigger.clear(window, triggerContext);
    functionContext.window = window;
    windowFunction.clear(functionContext);
    functionContext.clearWindowState();
    if (set != null) {
      set.retireWindow(window);
    }
  }

  private void onMerge(Window mergeResult, Collection<Window> mergedWindows,
      Window stateWindowResult, Collection<Window> mergedStateWindows) throws Exception {
    if (isWindowLate(mergeResult)) {
      throw new IllegalStateException("merging produced " + mergeResult
          + ", which is already late at watermark " + timers.currentWatermark());
    }
    triggerContext.window = mergeResult;
    triggerContext.mergedWindows = mergedWindows;
    trigger.onMerge(mergeResult, triggerContext);
    for (Window m : mergedWindows) {
      if (m.equals(mergeResult)) {
        continue;
      }
      triggerContext.window = m;
      trigger.clear(m, triggerContext);
      deleteCleanupTimer(m);
    }
    contents.merge(stateWindowResult, mergedStateWindows);
  }

  private MergingWindowSet<Window> mergingSet() throws Exception {
    mergingSets.setCurrentNamespace(VoidNamespace.INSTANCE);
    HashMap<Window, Window> mapping = mergingSets.value();
    mergingMapFresh = mapping == null;
    return new MergingWindowSet<>(mergingAssigner, mapping != null ? mapping : new HashMap<>());
  }

  private void saveMergingSet(MergingWindowSet<Window> set) throws Exception {
    mergingSets.setCurrentNamespace(VoidNamespace.INSTANCE);
    if (set.isEmpty()) {
      mergingSets.clear();
    } else if (mergingMapFresh || !objectsStored) {
      // Written back when new, or when the backend keeps bytes (RocksDB): the set changed its map
      // in place, which a copy does not see. On the heap the stored map is this very object.
      mergingSets.update((HashMap<Window, Window>) set.mapping());
      mergingMapFresh = false;
    }
  }

  private boolean isWindowLate(Window window) {
    return eventTime && cleanupTime(window) <= timers.currentWatermark();
  }

  /** When a window's state is removed: its end plus the allowed lateness, for event time. */
  private long cleanupTime(Window window) {
    return eventTime ? cleanupTime(window.maxTimestamp()) : window.maxTimestamp();
  }

  private long cleanupTime(long maxTimestamp) {
    long t = maxTimestamp + allowedLateness;
    return t >= maxTimestamp ? t : Long.MAX_VALUE;
  }

  private void registerCleanupTimer(Window window) {
    long time = cleanupTime(window);
    if (time == Long.MAX_VALUE) {
      return; // the global window is never cleaned up by time
    }
    if (eventTime) {
      timers.registerEventTimeTimer(window, time);
    } else {
      timers.registerProcessingTimeTimer(window, time);
    }
  }

  private void deleteCleanupTimer(Window window) {
    long time = cleanupTime(window);
    if (time == Long.MAX_VALUE) {
      return;
    }
    if (eventTime) {
      timers.deleteEventTimeTimer(window, time);
    } else {
      timers.deleteProcessingTimeTimer(window, time);
    }
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

  /** The pending timers, for tests. */
  public InternalTimerService<Window> timers() {
    return timers;
  }

  /** Emits the window function's results, stamped with the firing window's maxTimestamp. */
  private final class WindowCollector implements Collector<Object> {
    long timestamp;

    @Override
    public void collect(Object value) {
      output.emit(value, timestamp);
    }
  }
}
