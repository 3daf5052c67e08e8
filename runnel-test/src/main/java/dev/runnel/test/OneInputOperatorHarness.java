package dev.runnel.test;

import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.FilterFunction;
import dev.runnel.api.functions.FlatMapFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.ProcessFunction;
import dev.runnel.api.internal.OneInputTransformation;
import dev.runnel.api.internal.OperatorSpec;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.OperatorFactory;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.operators.StreamOperator;
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
 * Drives one operator directly, on the calling thread, with no job, threads or queues: each call
 * is one element, one watermark or one lifecycle step, and everything the operator emits (main
 * output, side outputs, watermarks) is recorded for the test to inspect.
 *
 * <pre>{@code
 * try (OneInputOperatorHarness<Order, Total> harness =
 *     OneInputOperatorHarness.forKeyedProcess(new RunningTotal(), Order::userId)) {
 *   harness.open();
 *   harness.processElement(new Order("ann", 10), 1_000L);
 *   harness.processElement(new Order("bob", 5));
 *   harness.processElement(new Order("ann", 7));
 *   assertThat(harness.output())
 *       .containsExactly(new Total("ann", 10), new Total("bob", 5), new Total("ann", 17));
 * }
 * }</pre>
 *
 * <p><b>Same operator as in a job.</b> The operator is the runtime's own, built by its {@code
 * OperatorFactory} around a copy of the function made by serializing it, exactly as every subtask
 * of a job gets one. So a function that cannot be serialized fails here as it would in a job (when
 * the harness is created), and the function object the test passed in is never called: fields it
 * sets are set on the copy. Observe the function through what it emits.
 *
 * <p><b>Where it runs.</b> By default the operator is subtask 0 of 1 of an operator named after its
 * kind ({@code "Map"}, {@code "KeyedProcess"}, …) in job {@value #JOB_NAME}, with {@value
 * StreamEnvironment#DEFAULT_MAX_PARALLELISM} key groups; a keyed operator then owns all of them.
 * {@link #subtask}, {@link #maxParallelism} and {@link #operatorName} change that before {@link
 * #open}; a keyed subtask then owns only its share of key groups, and a record whose key belongs to
 * another subtask is rejected, since a job would never deliver it there.
 *
 * <p><b>Lifecycle</b>, as in a job: {@link #open} once; then {@link #processElement} and {@link
 * #processWatermark} in any mix; then {@link #endInput} if the input ends normally (a job's bounded
 * input also sends the final watermark {@code Long.MAX_VALUE} first: call {@code
 * processWatermark(Long.MAX_VALUE)} to mimic that); {@link #close} always, which try-with-resources
 * does. A call out of order throws {@link IllegalStateException}.
 *
 * <p><b>Failures</b> surface as the runtime's {@link OperatorException}, pinned on this operator
 * and subtask and, when processing an element, on that record, with the function's exception as the
 * cause. As in a job, a failed operator takes no more input: only {@link #close} is allowed after.
 * Errors (such as a failed assertion inside the function) pass through unwrapped.
 *
 * <p><b>Snapshot and restore</b> are not offered yet because the runtime has no checkpoints yet.
 * The harness is built for them: the operator, its context and its keyed state are created in
 * {@link #open} from the serialized function, not in the constructor, so a later {@code snapshot()}
 * can capture the keyed state and a restore can build a fresh operator from the same function
 * around the restored state, as a job recovering from a checkpoint will.
 *
 * <p>Not thread-safe: use it from one thread, as the runtime uses an operator.
 *
 * @param <I> input type
 * @param <O> main output type
 */
@Public
public final class OneInputOperatorHarness<I, O> implements AutoCloseable {
  /** The job name the operator's {@code RuntimeContext} reports. */
  public static final String JOB_NAME = "operator-harness";

  private enum Phase { CREATED, OPEN, FINISHED, FAILED, CLOSED }

  // Configuration: fixed once open() has run.
  private final OperatorSpec spec;
  private final FunctionCopier.Copies<Serializable> functionCopies;
  private final FunctionCopier.Copies<KeySelector<Object, Object>> keySelectorCopies;
  private String operatorName;
  private int subtaskIndex = 0;
  private int parallelism = 1;
  private int maxParallelism = StreamEnvironment.DEFAULT_MAX_PARALLELISM;
  private long watermarkIntervalMillis = 0;

  // Processing time is the harness's own clock: it moves only when the test moves it.
  private long processingTimeMillis = 0;
  private final ProcessingTimeService processingTime =
      new ProcessingTimeService(() -> processingTimeMillis);

  // The running operator, created by open().
  private Phase phase = Phase.CREATED;
  private StreamOperator operator;
  private OperatorContext context;
  private final RecordingOutput output = new RecordingOutput();
  /** The harness's own key selector, to check key ownership; null when every key is owned. */
  private KeySelector<Object, Object> ownershipSelector;
  private KeyGroupRange keyGroups;

  private OneInputOperatorHarness(
      OperatorSpec spec, String defaultName, KeySelector<?, ?> keySelector) {
    this.spec = spec;
    this.operatorName = defaultName;
    // Serialized now, copied in open(): the same two steps, and the same errors, as a job's deploy.
    this.functionCopies = FunctionCopier.of(spec.function(), defaultName);
    this.keySelectorCopies = keySelector == null ? null : selectorCopies(keySelector, defaultName);
  }

  @SuppressWarnings("unchecked")
  private static FunctionCopier.Copies<KeySelector<Object, Object>> selectorCopies(
      KeySelector<?, ?> keySelector, String name) {
    return FunctionCopier.of((KeySelector<Object, Object>) keySelector, name);
  }

  /** A harness for the operator of {@code DataStream.map}. */
  public static <I, O> OneInputOperatorHarness<I, O> forMap(MapFunction<I, O> function) {
    return new OneInputOperatorHarness<>(
        new OperatorSpec.Map(Objects.requireNonNull(function, "function")), "Map", null);
  }

  /** A harness for the operator of {@code DataStream.filter}. */
  public static <T> OneInputOperatorHarness<T, T> forFilter(FilterFunction<T> function) {
    return new OneInputOperatorHarness<>(
        new OperatorSpec.Filter(Objects.requireNonNull(function, "function")), "Filter", null);
  }

  /** A harness for the operator of {@code DataStream.flatMap}. */
  public static <I, O> OneInputOperatorHarness<I, O> forFlatMap(FlatMapFunction<I, O> function) {
    return new OneInputOperatorHarness<>(
        new OperatorSpec.FlatMap(Objects.requireNonNull(function, "function")), "FlatMap", null);
  }

  /** A harness for the operator of {@code DataStream.process}, side outputs included. */
  public static <I, O> OneInputOperatorHarness<I, O> forProcess(ProcessFunction<I, O> function) {
    return new OneInputOperatorHarness<>(
        new OperatorSpec.Process(Objects.requireNonNull(function, "function")), "Process", null);
  }

  /**
   * A harness for the operator of {@code KeyedStream.process}: every element runs in the scope of
   * the key {@code keySelector} gives it, with keyed state on the heap.
   */
  public static <K, I, O> OneInputOperatorHarness<I, O> forKeyedProcess(
      KeyedProcessFunction<K, I, O> function, KeySelector<I, K> keySelector) {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(keySelector, "keySelector");
    return new OneInputOperatorHarness<>(
        new OperatorSpec.KeyedProcess(function, keySelector), "KeyedProcess", keySelector);
  }

  /**
   * A harness for the step that produced {@code stream}, built with the DataStream API on an
   * environment of its own: the way to test steps that need more than one function, such as
   * windows. Only the last step is run; the steps before it only describe its input.
   *
   * <pre>{@code
   * StreamEnvironment env = StreamEnvironment.create();
   * DataStream<Long> counts = env.fromElements(new Click("ann"))
   *     .keyBy(Click::user)
   *     .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
   *     .aggregate(new CountClicks());
   * try (OneInputOperatorHarness<Click, Long> h = OneInputOperatorHarness.forStep(counts)) { ... }
   * }</pre>
   *
   * @throws IllegalArgumentException if the stream was not produced by a one-input step
   */
  public static <I, O> OneInputOperatorHarness<I, O> forStep(DataStream<O> stream) {
    Objects.requireNonNull(stream, "stream");
    if (!(stream.transformation() instanceof OneInputTransformation<?, ?> step)) {
      throw new IllegalArgumentException("forStep(...) runs a step with one input, such as map, "
          + "process or a window function; " + stream.transformation().name() + " is not one");
    }
    String name = step.name().replaceFirst("#\\d+$", "");
    return new OneInputOperatorHarness<>(step.spec(), name, step.spec().keySelector());
  }

  /**
   * Elements a window step dropped because all their windows were past the allowed lateness (and
   * no late-data side output was set).
   */
  public long lateRecordsDropped() {
    if (context == null) {
      throw new IllegalStateException("lateRecordsDropped() needs an opened operator");
    }
    return context.counters().lateRecordsDropped;
  }

  /**
   * Runs the operator as subtask {@code subtaskIndex} of {@code parallelism} (default 0 of 1). For a
   * keyed operator this decides which key groups it owns. Call before {@link #open}.
   */
  public OneInputOperatorHarness<I, O> subtask(int subtaskIndex, int parallelism) {
    checkPhase(Phase.CREATED, "subtask(...) configures the operator: call it before open()");
    if (parallelism < 1 || subtaskIndex < 0 || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException("need 0 <= subtaskIndex < parallelism, got subtask "
          + subtaskIndex + " of " + parallelism);
    }
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
    return this;
  }

  /** The number of key groups (default 128), as {@code StreamEnvironment.setMaxParallelism}. */
  public OneInputOperatorHarness<I, O> maxParallelism(int maxParallelism) {
    checkPhase(Phase.CREATED, "maxParallelism(...) configures the operator: call it before open()");
    if (maxParallelism < 1 || maxParallelism > 32768) {
      throw new IllegalArgumentException(
          "max parallelism must be between 1 and 32768, was " + maxParallelism);
    }
    this.maxParallelism = maxParallelism;
    return this;
  }

  /** The operator's name, as reported to the function and in failures. Call before {@link #open}. */
  public OneInputOperatorHarness<I, O> operatorName(String name) {
    checkPhase(Phase.CREATED, "operatorName(...) configures the operator: call it before open()");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("operator name must not be blank");
    }
    this.operatorName = name;
    return this;
  }

  /**
   * Creates the operator around a fresh copy of the function, sets it up and opens it (which opens
   * a rich function).
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
      // With every key group owned no check is needed, and the key selector runs once per record.
      ownershipSelector = parallelism == 1 ? null : keySelectorCopies.newCopy();
    }
    context = new OperatorContext(JOB_NAME, operatorName, subtaskIndex, parallelism,
        maxParallelism, keyedState, processingTime, watermarkIntervalMillis);
    operator = newOperator();
    operator.setup(context, output);
    phase = Phase.OPEN;
    call(operator::open, null);
  }

  /** The runtime's operator for the spec, around this subtask's own copies, as a job deploys it. */
  private StreamOperator newOperator() {
    Serializable function = functionCopies.newCopy();
    KeySelector<?, ?> keySelector = keySelectorCopies == null ? null : keySelectorCopies.newCopy();
    return OperatorFactory.create(spec, function, keySelector);
  }

  /**
   * Sets the processing-time clock to {@code time} (epoch milliseconds) and runs everything due
   * by then, in time order: processing-time timers, periodic watermark emission. The clock starts
   * at 0 and never moves by itself, so tests of processing time are deterministic.
   *
   * @throws IllegalArgumentException if {@code time} is before the clock's current time
   * @throws OperatorException if a callback fails
   */
  public void setProcessingTime(long time) {
    checkPhase(Phase.OPEN, "setProcessingTime(...) needs an open operator whose input has not ended");
    if (time < processingTimeMillis) {
      throw new IllegalArgumentException(
          "processing time cannot go back from " + processingTimeMillis + " to " + time);
    }
    processingTimeMillis = time;
    call(processingTime::fireDue, null);
  }

  /** The processing-time clock of the harness. */
  public long processingTime() {
    return processingTimeMillis;
  }

  /**
   * How often a watermark generator under test is asked for a watermark, in processing time (0,
   * the default, asks after every element). Set it before {@link #open()}.
   */
  public OneInputOperatorHarness<I, O> watermarkInterval(Duration interval) {
    checkPhase(Phase.CREATED, "watermarkInterval(...) must be set before open()");
    this.watermarkIntervalMillis = interval.toMillis();
    return this;
  }

  /**
   * A harness for an {@code assignTimestampsAndWatermarks} step with {@code strategy}: its
   * {@link #outputWithTimestamps()} shows the stamped elements and {@link #watermarks()} the
   * watermarks it generated.
   */
  public static <T> OneInputOperatorHarness<T, T> forWatermarkStrategy(
      WatermarkStrategy<T> strategy) {
    return new OneInputOperatorHarness<>(
        new OperatorSpec.AssignTimestamps(strategy), "Timestamps/Watermarks", null);
  }

  /** The idleness the operator last emitted: true idle, false active, null if never emitted. */
  public Boolean lastIdleStatus() {
    return output.lastIdleStatus();
  }

  /** Processes {@code value} without a timestamp. */
  public void processElement(I value) {
    process(value, Output.NO_TIMESTAMP);
  }

  /**
   * Processes {@code value} with its event timestamp in epoch milliseconds.
   *
   * @throws IllegalArgumentException for {@code Long.MIN_VALUE}, which the runtime reserves for
   *     "no timestamp": use {@link #processElement(Object)}
   */
  public void processElement(I value, long timestamp) {
    if (timestamp == Output.NO_TIMESTAMP) {
      throw new IllegalArgumentException("Long.MIN_VALUE means 'no timestamp' to the runtime: "
          + "call processElement(value) for a record without one");
    }
    process(value, timestamp);
  }

  private void process(I value, long timestamp) {
    checkPhase(Phase.OPEN, "processElement(...) needs an open operator whose input has not ended");
    checkKeyOwned(value);
    // The same pinning as the runtime's ChainedOutput: this operator, this subtask, this record.
    call(() -> operator.processElement(value, timestamp), OperatorException.describe(value));
  }

  /**
   * One call into the operator. A failure leaves the harness FAILED, as it fails a job, and is
   * pinned on the operator (and the record, when given) as the runtime pins it.
   */
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

  private void checkKeyOwned(I value) {
    if (ownershipSelector == null) {
      return;
    }
    Object key;
    try {
      key = ownershipSelector.getKey(value);
    } catch (Exception e) {
      return; // the operator calls the selector too and reports the failure, pinned on the record
    }
    if (key == null) {
      return; // likewise: the operator's failure on a null key is the one a job would report
    }
    int keyGroup = KeyGroups.keyGroupOf(key, maxParallelism);
    if (!keyGroups.contains(keyGroup)) {
      int owner = KeyGroups.subtaskOf(keyGroup, maxParallelism, parallelism);
      throw new IllegalArgumentException("key " + key + " is in key group " + keyGroup
          + ", owned by subtask " + owner + " of " + parallelism + ", not by this harness's subtask "
          + subtaskIndex + " " + keyGroups + ": a job would never send this record here");
    }
  }

  /**
   * Tells the operator that event time has reached {@code watermark}. Operators without event-time
   * logic forward it, which {@link #watermarks()} shows.
   *
   * @throws OperatorException if the operator fails on it
   */
  public void processWatermark(long watermark) {
    checkPhase(Phase.OPEN, "processWatermark(...) needs an open operator whose input has not ended");
    call(() -> operator.processWatermark(watermark), null);
  }

  /**
   * Ends the input normally: calls the operator's {@code finish()}, in which it emits whatever it
   * still holds back. After it, only {@link #close} is allowed.
   *
   * @throws OperatorException if finishing fails
   */
  public void endInput() {
    checkPhase(Phase.OPEN, "endInput() needs an open operator whose input has not ended");
    call(operator::finish, null);
    phase = Phase.FINISHED;
  }

  /**
   * Closes the operator (and a rich function), as a job does at its end, also after a failure.
   * Calling it again, or on a harness never opened, does nothing. The output stays readable.
   *
   * @throws OperatorException if closing fails
   */
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

  /**
   * The main output so far with each value's timestamp ({@code null} for none): operators stamp
   * what they emit with the timestamp of the element being processed.
   */
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

  /** Forgets everything recorded so far, so that the next assertions see only what follows. */
  public void clearOutput() {
    output.clear();
  }

  private void checkPhase(Phase expected, String what) {
    if (phase != expected) {
      throw new IllegalStateException(what + "; the operator is " + describe(phase));
    }
  }

  private static String describe(Phase phase) {
    return switch (phase) {
      case CREATED -> "not open yet: call open() first";
      case OPEN -> "already open";
      case FINISHED -> "finished: endInput() was called";
      case FAILED -> "failed, and a failed operator only gets close(), as in a job";
      case CLOSED -> "closed";
    };
  }

  @Override
  public String toString() {
    return "OneInputOperatorHarness{" + operatorName + " (subtask " + subtaskIndex + " of "
        + parallelism + "), " + phase + "}";
  }
}
