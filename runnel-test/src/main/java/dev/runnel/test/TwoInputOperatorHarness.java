package dev.runnel.test;

import dev.runnel.api.OperatorException;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.CoProcessFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.ProcessJoinFunction;
import dev.runnel.api.internal.TwoInputOperatorSpec;
import dev.runnel.runtime.exchange.TwoInputWatermarkValve;
import dev.runnel.runtime.exchange.WatermarkValve;
import dev.runnel.runtime.operators.IntervalJoinOperator;
import dev.runnel.runtime.operators.KeyedCoProcessOperator;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.operators.TwoInputOperatorFactory;
import dev.runnel.runtime.operators.StreamOperator;
import dev.runnel.runtime.operators.TwoInputStreamOperator;
import dev.runnel.runtime.task.FunctionCopier;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Drives one two-input operator ({@code connect(...).process(...)}, keyed or not, or an interval
 * join) directly on the calling thread, the way {@link OneInputOperatorHarness} drives a one-input
 * operator: each call is one element of one input, one watermark of one input, or one lifecycle
 * step, and everything the operator emits is recorded.
 *
 * <pre>{@code
 * try (TwoInputOperatorHarness<Rule, Event, Event> h =
 *     TwoInputOperatorHarness.forKeyedCoProcess(new Gate(), Rule::key, Event::key)) {
 *   h.open();
 *   h.processElement1(new Rule("a", true));
 *   h.processElement2(new Event("a", 1), 1_000L);
 *   h.processWatermark1(2_000);
 *   h.processWatermark2(1_500); // the operator's watermark is now min(2000, 1500)
 *   assertThat(h.watermarks()).containsExactly(1_500L);
 * }
 * }</pre>
 *
 * <p><b>Watermarks per input.</b> {@link #processWatermark1} and {@link #processWatermark2} set
 * one input's watermark; the operator sees the minimum of both, when it advances, combined by the
 * runtime's own rules (an idle input, {@link #markIdle1}, does not hold time back). So a keyed
 * operator's event-time timers fire only once both inputs have passed them.
 *
 * <p><b>As in a job</b>: the operator is the runtime's, around a serialized copy of the function
 * (a function that cannot be serialized fails when the harness is created); failures surface as
 * {@link OperatorException} pinned on the operator and record; a failed operator only gets {@link
 * #close}. Keyed operators own every key group unless {@link #subtask} says otherwise; a record
 * whose key another subtask owns is rejected. Processing time is the harness's clock, moved only
 * by {@link #setProcessingTime}. Not thread-safe.
 *
 * <p><b>Snapshot and restore</b> as {@link AbstractOperatorHarness} describes: {@link #snapshot},
 * {@link #restoredFrom(OperatorSnapshot)}, {@link #restoreFrom(List)}, {@link #stateBackend}. The
 * restored harness's per-input watermarks start from none, as a restored job's inputs do.
 *
 * @param <I1> type of input 1
 * @param <I2> type of input 2
 * @param <O> main output type
 */
@Public
public final class TwoInputOperatorHarness<I1, I2, O>
    extends AbstractOperatorHarness<O, TwoInputOperatorHarness<I1, I2, O>> {
  // Configuration: fixed once open() has run.
  private final TwoInputOperatorSpec spec;
  private final String defaultName;
  private final FunctionCopier.Copies<Serializable> functionCopies;
  private final FunctionCopier.Copies<KeySelector<Object, Object>> keySelector1Copies;
  private final FunctionCopier.Copies<KeySelector<Object, Object>> keySelector2Copies;

  // The running operator, created by open().
  private TwoInputStreamOperator<?> operator;
  private final TwoInputWatermarkValve valve = new TwoInputWatermarkValve(1, 1);
  private final WatermarkValve.ValveOutput toOperator = new WatermarkValve.ValveOutput() {
    @Override
    public void watermark(long watermark) {
      call(() -> operator().processWatermark(watermark));
    }

    @Override
    public void idle(boolean idle) {
      call(() -> operator().processWatermarkStatus(idle));
    }
  };
  private KeySelector<Object, Object> ownership1;
  private KeySelector<Object, Object> ownership2;

  private TwoInputOperatorHarness(TwoInputOperatorSpec spec, String defaultName) {
    this(spec, defaultName, FunctionCopier.of(spec.function(), defaultName),
        selectorCopies(spec.keySelector1(), defaultName),
        selectorCopies(spec.keySelector2(), defaultName));
  }

  private TwoInputOperatorHarness(TwoInputOperatorSpec spec, String defaultName,
      FunctionCopier.Copies<Serializable> functionCopies,
      FunctionCopier.Copies<KeySelector<Object, Object>> keySelector1Copies,
      FunctionCopier.Copies<KeySelector<Object, Object>> keySelector2Copies) {
    super(defaultName, spec.isKeyed());
    this.spec = spec;
    this.defaultName = defaultName;
    this.functionCopies = functionCopies;
    this.keySelector1Copies = keySelector1Copies;
    this.keySelector2Copies = keySelector2Copies;
  }

  @Override
  TwoInputOperatorHarness<I1, I2, O> newHarness() {
    return new TwoInputOperatorHarness<>(
        spec, defaultName, functionCopies, keySelector1Copies, keySelector2Copies);
  }

  @Override
  int inputCount() {
    return 2;
  }

  @Override
  void processInput(int input, Object value, long timestamp) {
    process(input, value, timestamp);
  }

  @Override
  void processWatermarkOf(int input, long watermark) {
    switch (input) {
      case 1 -> processWatermark1(watermark);
      case 2 -> processWatermark2(watermark);
      default -> processWatermark(watermark);
    }
  }

  @Override
  KeySelector<Object, Object> keySelectorOf(int input) {
    var copies = input == 1 ? keySelector1Copies : keySelector2Copies;
    return copies == null ? null : copies.newCopy();
  }

  @SuppressWarnings("unchecked")
  private static FunctionCopier.Copies<KeySelector<Object, Object>> selectorCopies(
      KeySelector<?, ?> keySelector, String name) {
    return keySelector == null ? null
        : FunctionCopier.of((KeySelector<Object, Object>) keySelector, name);
  }

  /** A harness for the operator of {@code connect(...).process(CoProcessFunction)}. */
  public static <I1, I2, O> TwoInputOperatorHarness<I1, I2, O> forCoProcess(
      CoProcessFunction<I1, I2, O> function) {
    return new TwoInputOperatorHarness<>(
        new TwoInputOperatorSpec.CoProcess(Objects.requireNonNull(function, "function")),
        "CoProcess");
  }

  /**
   * A harness for the operator of keyed connected streams: elements of input 1 run in the scope of
   * the key {@code keySelector1} gives them, those of input 2 of {@code keySelector2}'s, with one
   * keyed state and one set of timers for both.
   */
  public static <K, I1, I2, O> TwoInputOperatorHarness<I1, I2, O> forKeyedCoProcess(
      KeyedCoProcessFunction<K, I1, I2, O> function, KeySelector<I1, K> keySelector1,
      KeySelector<I2, K> keySelector2) {
    return new TwoInputOperatorHarness<>(new TwoInputOperatorSpec.KeyedCoProcess(
        Objects.requireNonNull(function, "function"),
        Objects.requireNonNull(keySelector1, "keySelector1"),
        Objects.requireNonNull(keySelector2, "keySelector2")), "KeyedCoProcess");
  }

  /**
   * A harness for an interval join with inclusive bounds: input 1 is the left side, input 2 the
   * right, joined when {@code left.ts + lower <= right.ts <= left.ts + upper}. (An exclusive bound
   * is the inclusive one a millisecond in, which is what the API passes on.)
   */
  public static <K, L, R, O> TwoInputOperatorHarness<L, R, O> forIntervalJoin(
      ProcessJoinFunction<L, R, O> function, KeySelector<L, K> leftKey, KeySelector<R, K> rightKey,
      Duration lower, Duration upper) {
    return new TwoInputOperatorHarness<>(new TwoInputOperatorSpec.IntervalJoin(
        Objects.requireNonNull(function, "function"), Objects.requireNonNull(leftKey, "leftKey"),
        Objects.requireNonNull(rightKey, "rightKey"), lower.toMillis(), upper.toMillis()),
        "IntervalJoin");
  }

  @Override
  void beforeOpen() {
    if (spec.isKeyed() && parallelism > 1) {
      ownership1 = keySelector1Copies.newCopy();
      ownership2 = keySelector2Copies.newCopy();
    }
  }

  /** The runtime's operator, around fresh copies of the function and key selectors. */
  @Override
  StreamOperator createOperator() {
    operator = TwoInputOperatorFactory.create(spec, functionCopies.newCopy(),
        keySelector1Copies == null ? null : keySelector1Copies.newCopy(),
        keySelector2Copies == null ? null : keySelector2Copies.newCopy());
    return operator;
  }

  /** Processes {@code value} on input 1 without a timestamp. */
  public void processElement1(I1 value) {
    process(1, value, Output.NO_TIMESTAMP);
  }

  /** Processes {@code value} on input 1 with its event timestamp in epoch milliseconds. */
  public void processElement1(I1 value, long timestamp) {
    process(1, value, checkTimestamp(timestamp));
  }

  /** Processes {@code value} on input 2 without a timestamp. */
  public void processElement2(I2 value) {
    process(2, value, Output.NO_TIMESTAMP);
  }

  /** Processes {@code value} on input 2 with its event timestamp in epoch milliseconds. */
  public void processElement2(I2 value, long timestamp) {
    process(2, value, checkTimestamp(timestamp));
  }

  private static long checkTimestamp(long timestamp) {
    if (timestamp == Output.NO_TIMESTAMP) {
      throw new IllegalArgumentException("Long.MIN_VALUE means 'no timestamp' to the runtime: "
          + "call the method without a timestamp for a record without one");
    }
    return timestamp;
  }

  private void process(int input, Object value, long timestamp) {
    checkPhase(Phase.OPEN, "processElement" + input
        + "(...) needs an open operator whose input has not ended");
    checkKeyOwned(input == 1 ? ownership1 : ownership2, value, " of input " + input);
    if (input == 1) {
      callOnRecord(() -> operator.processElement1(value, timestamp), value);
    } else {
      callOnRecord(() -> operator.processElement2(value, timestamp), value);
    }
  }

  /** Input 1's watermark reaches {@code watermark}; the operator sees the minimum of both inputs. */
  public void processWatermark1(long watermark) {
    checkPhase(Phase.OPEN, "processWatermark1(...) needs an open operator");
    valve.onWatermark(1, 0, watermark, toOperator);
  }

  /** Input 2's watermark reaches {@code watermark}; the operator sees the minimum of both inputs. */
  public void processWatermark2(long watermark) {
    checkPhase(Phase.OPEN, "processWatermark2(...) needs an open operator");
    valve.onWatermark(2, 0, watermark, toOperator);
  }

  /** Both inputs' watermarks reach {@code watermark}. */
  public void processWatermark(long watermark) {
    processWatermark1(watermark);
    processWatermark2(watermark);
  }

  /** Input 1 becomes idle (it no longer holds time back) or active again. */
  public void markIdle1(boolean idle) {
    checkPhase(Phase.OPEN, "markIdle1(...) needs an open operator");
    valve.onStatus(1, 0, idle, toOperator);
  }

  /** Input 2 becomes idle (it no longer holds time back) or active again. */
  public void markIdle2(boolean idle) {
    checkPhase(Phase.OPEN, "markIdle2(...) needs an open operator");
    valve.onStatus(2, 0, idle, toOperator);
  }

  /** The watermark the operator has seen: the combined one ({@code Long.MIN_VALUE} before any). */
  public long currentWatermark() {
    return valve.current();
  }

  /** Records the operator dropped for arriving at or behind its watermark (interval joins). */
  public long lateRecordsDropped() {
    return context == null ? 0 : context.counters().lateRecordsDropped;
  }

  /** Event-time timers still pending in a keyed operator (0 for one that is not keyed). */
  public int pendingEventTimeTimers() {
    if (operator instanceof KeyedCoProcessOperator k) {
      return k.timers().eventTimerCount();
    }
    if (operator instanceof IntervalJoinOperator j) {
      return j.timers().eventTimerCount();
    }
    return 0;
  }

  /**
   * The records an interval join holds in its buffers, both sides, all keys: what the watermark
   * has not released yet.
   *
   * @throws IllegalStateException if the operator is not an interval join
   */
  public long bufferedJoinRecords() {
    if (operator instanceof IntervalJoinOperator j) {
      return j.bufferedRecords();
    }
    throw new IllegalStateException("bufferedJoinRecords() is for interval joins, not "
        + operatorName + (operator == null ? " (not open yet)" : ""));
  }
}
