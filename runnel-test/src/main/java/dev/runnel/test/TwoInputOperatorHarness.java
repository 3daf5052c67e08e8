package dev.runnel.test;

import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
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
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.operators.TwoInputOperatorFactory;
import dev.runnel.runtime.operators.TwoInputStreamOperator;
import dev.runnel.runtime.state.HeapKeyedStateBackend;
import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyGroups;
import dev.runnel.runtime.task.FunctionCopier;
import dev.runnel.runtime.time.ProcessingTimeService;
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
 * @param <I1> type of input 1
 * @param <I2> type of input 2
 * @param <O> main output type
 */
@Public
public final class TwoInputOperatorHarness<I1, I2, O> implements AutoCloseable {
  /** The job name the operator's {@code RuntimeContext} reports. */
  public static final String JOB_NAME = OneInputOperatorHarness.JOB_NAME;

  private enum Phase { CREATED, OPEN, FINISHED, FAILED, CLOSED }

  // Configuration: fixed once open() has run.
  private final TwoInputOperatorSpec spec;
  private final FunctionCopier.Copies<Serializable> functionCopies;
  private final FunctionCopier.Copies<KeySelector<Object, Object>> keySelector1Copies;
  private final FunctionCopier.Copies<KeySelector<Object, Object>> keySelector2Copies;
  private String operatorName;
  private int subtaskIndex = 0;
  private int parallelism = 1;
  private int maxParallelism = StreamEnvironment.DEFAULT_MAX_PARALLELISM;

  private long processingTimeMillis = 0;
  private final ProcessingTimeService processingTime =
      new ProcessingTimeService(() -> processingTimeMillis);

  // The running operator, created by open().
  private Phase phase = Phase.CREATED;
  private TwoInputStreamOperator<?> operator;
  private OperatorContext context;
  private final RecordingOutput output = new RecordingOutput();
  private final TwoInputWatermarkValve valve = new TwoInputWatermarkValve(1, 1);
  private final WatermarkValve.ValveOutput toOperator = new WatermarkValve.ValveOutput() {
    @Override
    public void watermark(long watermark) {
      call(() -> operator.processWatermark(watermark), null);
    }

    @Override
    public void idle(boolean idle) {
      call(() -> operator.processWatermarkStatus(idle), null);
    }
  };
  private KeySelector<Object, Object> ownership1;
  private KeySelector<Object, Object> ownership2;
  private KeyGroupRange keyGroups;

  private TwoInputOperatorHarness(TwoInputOperatorSpec spec, String defaultName) {
    this.spec = spec;
    this.operatorName = defaultName;
    this.functionCopies = FunctionCopier.of(spec.function(), defaultName);
    this.keySelector1Copies = selectorCopies(spec.keySelector1(), defaultName);
    this.keySelector2Copies = selectorCopies(spec.keySelector2(), defaultName);
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

  /** Runs the operator as subtask {@code subtaskIndex} of {@code parallelism}; before {@link #open}. */
  public TwoInputOperatorHarness<I1, I2, O> subtask(int subtaskIndex, int parallelism) {
    checkPhase(Phase.CREATED, "subtask(...) configures the operator: call it before open()");
    if (parallelism < 1 || subtaskIndex < 0 || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException("need 0 <= subtaskIndex < parallelism, got subtask "
          + subtaskIndex + " of " + parallelism);
    }
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
    return this;
  }

  /** The number of key groups (default 128); before {@link #open}. */
  public TwoInputOperatorHarness<I1, I2, O> maxParallelism(int maxParallelism) {
    checkPhase(Phase.CREATED, "maxParallelism(...) configures the operator: call it before open()");
    if (maxParallelism < 1 || maxParallelism > 32768) {
      throw new IllegalArgumentException(
          "max parallelism must be between 1 and 32768, was " + maxParallelism);
    }
    this.maxParallelism = maxParallelism;
    return this;
  }

  /** The operator's name, as reported to the function and in failures; before {@link #open}. */
  public TwoInputOperatorHarness<I1, I2, O> operatorName(String name) {
    checkPhase(Phase.CREATED, "operatorName(...) configures the operator: call it before open()");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("operator name must not be blank");
    }
    this.operatorName = name;
    return this;
  }

  /**
   * Creates the operator around fresh copies of the function (and key selectors), sets it up and
   * opens it.
   *
   * @throws OperatorException if opening fails
   */
  public void open() {
    checkPhase(Phase.CREATED, "open() may be called once");
    HeapKeyedStateBackend keyedState = null;
    if (spec.isKeyed()) {
      if (parallelism > maxParallelism) {
        throw new IllegalStateException("parallelism " + parallelism
            + " exceeds max parallelism " + maxParallelism + ": a keyed subtask would own no key");
      }
      keyGroups = KeyGroups.rangeOf(subtaskIndex, maxParallelism, parallelism);
      keyedState = new HeapKeyedStateBackend(keyGroups, maxParallelism, processingTime::now);
      if (parallelism > 1) {
        ownership1 = keySelector1Copies.newCopy();
        ownership2 = keySelector2Copies.newCopy();
      }
    }
    context = new OperatorContext(JOB_NAME, operatorName, subtaskIndex, parallelism,
        maxParallelism, keyedState, processingTime, 0);
    operator = TwoInputOperatorFactory.create(spec, functionCopies.newCopy(),
        keySelector1Copies == null ? null : keySelector1Copies.newCopy(),
        keySelector2Copies == null ? null : keySelector2Copies.newCopy());
    operator.setup(context, output);
    phase = Phase.OPEN;
    call(operator::open, null);
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
    checkKeyOwned(input == 1 ? ownership1 : ownership2, input, value);
    String record = OperatorException.describe(value);
    if (input == 1) {
      call(() -> operator.processElement1(value, timestamp), record);
    } else {
      call(() -> operator.processElement2(value, timestamp), record);
    }
  }

  private void checkKeyOwned(KeySelector<Object, Object> selector, int input, Object value) {
    if (selector == null) {
      return;
    }
    Object key;
    try {
      key = selector.getKey(value);
    } catch (Exception e) {
      return; // the operator calls the selector too and reports the failure, pinned on the record
    }
    if (key == null) {
      return;
    }
    int keyGroup = KeyGroups.keyGroupOf(key, maxParallelism);
    if (!keyGroups.contains(keyGroup)) {
      throw new IllegalArgumentException("key " + key + " of input " + input + " is in key group "
          + keyGroup + ", owned by subtask " + KeyGroups.subtaskOf(keyGroup, maxParallelism,
          parallelism) + " of " + parallelism + ", not by this harness's subtask " + subtaskIndex
          + " " + keyGroups + ": a job would never send this record here");
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

  /**
   * Sets the processing-time clock to {@code time} and runs everything due by then.
   *
   * @throws IllegalArgumentException if {@code time} is before the clock's current time
   */
  public void setProcessingTime(long time) {
    checkPhase(Phase.OPEN, "setProcessingTime(...) needs an open operator");
    if (time < processingTimeMillis) {
      throw new IllegalArgumentException(
          "processing time cannot go back from " + processingTimeMillis + " to " + time);
    }
    processingTimeMillis = time;
    call(processingTime::fireDue, null);
  }

  /** Ends both inputs normally: calls the operator's {@code finish()}. Only close() after it. */
  public void endInput() {
    checkPhase(Phase.OPEN, "endInput() needs an open operator whose input has not ended");
    call(operator::finish, null);
    phase = Phase.FINISHED;
  }

  /** Closes the operator, as a job does at its end, also after a failure; idempotent. */
  @Override
  public void close() {
    if (phase == Phase.CLOSED) {
      return;
    }
    boolean opened = phase != Phase.CREATED;
    phase = Phase.CLOSED;
    if (opened) {
      try {
        operator.close();
      } catch (OperatorException e) {
        throw e;
      } catch (Exception e) {
        throw context.failure(null, e);
      }
    }
  }

  /** The values emitted to the main output so far, in order. */
  public List<O> output() {
    return output.mainValues();
  }

  /** The main output so far with each value's timestamp ({@code null} for none). */
  public List<TimestampedValue<O>> outputWithTimestamps() {
    return output.mainWithTimestamps();
  }

  /** The values emitted to side output {@code tag} so far, in order; empty if none. */
  public <X> List<X> sideOutput(OutputTag<X> tag) {
    return output.sideValues(Objects.requireNonNull(tag, "tag"));
  }

  /** The watermarks the operator emitted so far, in order. */
  public List<Long> watermarks() {
    return output.watermarks();
  }

  /** Forgets everything recorded so far. */
  public void clearOutput() {
    output.clear();
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

  private void call(OperatorCall call, String recordDescription) {
    try {
      call.run();
    } catch (OperatorException e) {
      phase = Phase.FAILED;
      throw e;
    } catch (Exception e) {
      phase = Phase.FAILED;
      throw context.failure(recordDescription, e);
    }
  }

  @FunctionalInterface
  private interface OperatorCall {
    void run() throws Exception;
  }

  private void checkPhase(Phase expected, String what) {
    if (phase != expected) {
      throw new IllegalStateException(what + "; the operator is " + switch (phase) {
        case CREATED -> "not open yet: call open() first";
        case OPEN -> "already open";
        case FINISHED -> "finished: endInput() was called";
        case FAILED -> "failed, and a failed operator only gets close(), as in a job";
        case CLOSED -> "closed";
      });
    }
  }

  @Override
  public String toString() {
    return "TwoInputOperatorHarness{" + operatorName + " (subtask " + subtaskIndex + " of "
        + parallelism + "), " + phase + "}";
  }
}
