package dev.runnel.runtime.operators.window;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.Window;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import dev.runnel.runtime.state.InternalValueState;
import dev.runnel.runtime.state.VoidNamespace;

/**
 * Event-time session windows with an incremental function and the default trigger, without
 * allowed lateness: per key one {@link SessionList} in keyed state, and no timer per session.
 *
 * <p>Why: the general {@link WindowOperator} keeps, per key, a merging window set, the contents
 * under each window as namespace, and a trigger timer per session; every element that extends a
 * session (the common case: a session grows with each element of its key) renames the session,
 * moves its contents to the merged window, deletes the old timer and registers a new one. Here an
 * element that falls into or extends a session costs one state read and one accumulator update:
 * the session's bounds and accumulator live side by side in the key's list.
 *
 * <p><b>Lazy due times.</b> Instead of timers, an index ({@link KeysByTime}) holds for each key one
 * time at or before its first session's {@code maxTimestamp} ({@link SessionList#timer}); extending
 * a session leaves it as it is. When the watermark reaches that time, the key's sessions ending by
 * then fire (in order), and the key is due again at its next session's {@code maxTimestamp}, which
 * the same watermark may also pass: sessions therefore fire in {@code maxTimestamp} order, as with
 * timers. An index entry that is no longer the key's {@code timer} (a new, earlier session moved
 * it) is skipped when it comes up.
 *
 * <p>Same results and semantics as {@link WindowOperator} with the default event-time trigger (the
 * randomized model test runs both): the element's window {@code [t, t + gap)} merges with every
 * session it overlaps or touches; merged accumulators combine in start order ({@link
 * AggregateFunction#merge}, or the reduce function), then the element is added; an element whose
 * window merges with nothing and whose {@code maxTimestamp} the watermark has reached is late
 * (side output, or counted as dropped). A session fires once, at the watermark reaching its {@code
 * maxTimestamp}, and is then removed. A {@link ProcessWindowFunction} gets the one result with the
 * session as its window; per-window state is not available with merging windows (as in the general
 * operator), per-key state is.
 *
 * <p><b>Checkpoints:</b> the session lists are keyed state (written back after every change when
 * the backend keeps bytes); the due index is snapshotted as a keyed stream ({@value #DUE_STREAM}),
 * and the watermark as operator state, as {@link SlicingWindowOperator} does and for the same
 * reason (lateness must be judged after a restore as it would have been without one).
 *
 * <p>Used by {@link WindowOperators} for {@link EventTimeSessionWindows} (static or dynamic gap)
 * with {@code reduce} or {@code aggregate} (and an optional window function after it), when there
 * is no trigger, evictor or allowed lateness. Not thread-safe: the subtask's thread only.
 */
public final class SessionWindowOperator extends IncrementalWindowOperator {
  private static final String SESSIONS_STATE = "session-windows";
  static final String DUE_STREAM = "session-windows-due";
  static final String WATERMARK_STATE = "session-windows-watermark";

  private final EventTimeSessionWindows<Object> assigner;
  private InternalValueState<VoidNamespace, SessionList> sessions;
  private final KeysByTime due = new KeysByTime();

  /**
   * @param aggregate exactly one of {@code aggregate} and {@code reduce} is set
   * @param windowFunction applied to each session's result, or null to emit the result itself
   */
  public SessionWindowOperator(KeySelector<Object, Object> keySelector,
      EventTimeSessionWindows<Object> assigner, OutputTag<Object> lateDataTag,
      AggregateFunction<Object, Object, Object> aggregate, ReduceFunction<Object> reduce,
      ProcessWindowFunction<Object, Object, Object, Window> windowFunction) {
    super(keySelector, lateDataTag, aggregate, reduce, windowFunction, true);
    this.assigner = assigner;
  }

  @Override
  protected void openState() {
    sessions = state.getPartitionedState(
        new ValueStateDescriptor<>(SESSIONS_STATE, SessionList.class));
    sessions.setCurrentNamespace(VoidNamespace.INSTANCE);
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    requireTimestamp(timestamp);
    state.setCurrentKey(keySelector.getKey(record));
    TimeWindow window = assigner.assignWindows(record, timestamp, null).iterator().next();
    SessionList list = sessions.value();
    boolean fresh = list == null;
    if (fresh) {
      list = new SessionList();
    }
    // Sessions never overlap or touch one another, so those the window meets are consecutive.
    int first = list.firstEndingAtOrAfter(window.start());
    int last = first - 1;
    while (last + 1 < list.size() && list.start(last + 1) <= window.end()) {
      last++;
    }
    if (last < first) {
      if (window.maxTimestamp() <= watermark) {
        if (timestamp <= watermark) { // as WindowOperator: only if the element itself is behind
          late(record, timestamp);
        }
        return;
      }
      list.insert(first, window.start(), window.end(), add(record, null));
      long maxTimestamp = window.maxTimestamp();
      if (maxTimestamp < list.timer) {
        list.timer = maxTimestamp;
        due.add(maxTimestamp, state.keys().currentKey());
      }
    } else {
      // The merged session ends no earlier than any it replaces: the key's due time still holds.
      Object acc = list.acc(first);
      for (int i = first + 1; i <= last; i++) {
        acc = combine(acc, list.acc(i));
      }
      long start = Math.min(list.start(first), window.start());
      long end = Math.max(list.end(last), window.end());
      if (last > first) {
        list.remove(first + 1, last);
      }
      list.setBounds(first, start, end);
      list.setAcc(first, add(record, acc));
    }
    // On the heap the stored list is this object, changed in place; a backend of bytes needs it.
    if (fresh || !objectsStored) {
      sessions.update(list);
    }
  }

  /** {@code record} added to {@code acc} (null: a new session's first element). */
  private Object add(Object record, Object acc) throws Exception {
    if (aggregate != null) {
      return aggregate.add(record, acc == null ? aggregate.createAccumulator() : acc);
    }
    return acc == null ? record : reduce.reduce(acc, record);
  }

  /** Two sessions' accumulators, the earlier session's first. */
  private Object combine(Object earlier, Object later) throws Exception {
    return aggregate != null ? aggregate.merge(earlier, later) : reduce.reduce(earlier, later);
  }

  @Override
  public void processWatermark(long watermark) throws Exception {
    // Never back: after a restore that handed back a watermark, the first ones may be lower.
    this.watermark = Math.max(this.watermark, watermark);
    due.pollUpTo(watermark, this::onDue);
    output.emitWatermark(watermark);
  }

  /** The watermark reached {@code time}, at which {@code key} was due. */
  private void onDue(long time, Object key) throws Exception {
    state.setCurrentKey(key);
    SessionList list = sessions.value();
    if (list == null || list.timer != time) {
      return; // stale: the key became due earlier since, and that entry handled it
    }
    int fired = 0;
    while (fired < list.size() && list.end(fired) - 1 <= time) {
      emitWindow(list.start(fired), list.end(fired), list.acc(fired));
      fired++;
    }
    if (fired > 0) {
      list.remove(0, fired - 1);
    }
    if (list.size() == 0) {
      sessions.clear();
      return;
    }
    // The next session may end by this same watermark: the index comes back to it in time order.
    list.timer = list.end(0) - 1;
    due.add(list.timer, key);
    if (!objectsStored) {
      sessions.update(list);
    }
  }

  @Override
  public void snapshotState(OperatorSnapshotWriter writer) throws Exception {
    due.snapshot(writer, DUE_STREAM);
    saveWatermark(writer, WATERMARK_STATE);
  }

  @Override
  public void restoreState(OperatorStateReader reader) {
    due.restore(reader, DUE_STREAM);
    restoreWatermark(reader, WATERMARK_STATE);
  }

  /** Number of pending entries of the due index, for tests. */
  public int pendingCount() {
    return due.size();
  }
}
