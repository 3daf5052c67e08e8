package dev.runnel.test;

import dev.runnel.api.OperatorException;
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
import dev.runnel.runtime.operators.KeyedProcessOperator;
import dev.runnel.runtime.operators.OperatorFactory;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.operators.StreamOperator;
import dev.runnel.runtime.task.FunctionCopier;
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
 * <p><b>Snapshot and restore</b> (see {@link AbstractOperatorHarness}): {@link #snapshot} takes a
 * checkpoint of the running operator, {@link #restoredFrom(OperatorSnapshot)} builds a new harness
 * whose operator {@link #open} restores from it, at the same or (with {@link #restoreFrom(List)}
 * and {@link #subtask}) another parallelism. {@link #stateBackend} picks where keyed state lives.
 *
 * <pre>{@code
 * OperatorSnapshot snapshot = harness.snapshot(1);
 * try (var restored = harness.restoredFrom(snapshot)) {
 *   restored.open();
 *   restored.processElement(new Order("ann", 3));
 *   assertThat(restored.output()).containsExactly(new Total("ann", 20));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: use it from one thread, as the runtime uses an operator.
 *
 * @param <I> input type
 * @param <O> main output type
 */
@Public
public final class OneInputOperatorHarness<I, O>
    extends AbstractOperatorHarness<O, OneInputOperatorHarness<I, O>> {
  // Configuration: fixed once open() has run.
  private final OperatorSpec spec;
  private final String defaultName;
  private final FunctionCopier.Copies<Serializable> functionCopies;
  private final FunctionCopier.Copies<KeySelector<Object, Object>> keySelectorCopies;
  private long watermarkIntervalMillis = 0;

  /** The harness's own key selector, to check key ownership; null when every key is owned. */
  private KeySelector<Object, Object> ownershipSelector;

  private OneInputOperatorHarness(
      OperatorSpec spec, String defaultName, KeySelector<?, ?> keySelector) {
    this(spec, defaultName, FunctionCopier.of(spec.function(), defaultName),
        keySelector == null ? null : selectorCopies(keySelector, defaultName));
  }

  private OneInputOperatorHarness(OperatorSpec spec, String defaultName,
      FunctionCopier.Copies<Serializable> functionCopies,
      FunctionCopier.Copies<KeySelector<Object, Object>> keySelectorCopies) {
    super(defaultName, spec.isKeyed());
    this.spec = spec;
    this.defaultName = defaultName;
    // Serialized now, copied in open(): the same two steps, and the same errors, as a job's deploy.
    this.functionCopies = functionCopies;
    this.keySelectorCopies = keySelectorCopies;
  }

  @Override
  OneInputOperatorHarness<I, O> newHarness() {
    OneInputOperatorHarness<I, O> h =
        new OneInputOperatorHarness<>(spec, defaultName, functionCopies, keySelectorCopies);
    h.watermarkIntervalMillis = watermarkIntervalMillis;
    return h;
  }

  @Override
  int inputCount() {
    return 1;
  }

  @SuppressWarnings("unchecked")
  @Override
  void processInput(int input, Object value, long timestamp) {
    process((I) value, timestamp);
  }

  @Override
  void processWatermarkOf(int input, long watermark) {
    processWatermark(watermark);
  }

  @Override
  KeySelector<Object, Object> keySelectorOf(int input) {
    return keySelectorCopies == null ? null : keySelectorCopies.newCopy();
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

  /** Event-time timers still pending in a keyed process operator (0 for other operators). */
  public int pendingEventTimeTimers() {
    return operator() instanceof KeyedProcessOperator k ? k.timers().eventTimerCount() : 0;
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

  @Override
  void beforeOpen() {
    // With every key group owned no check is needed, and the key selector runs once per record.
    ownershipSelector = spec.isKeyed() && parallelism > 1 ? keySelectorCopies.newCopy() : null;
  }

  @Override
  long watermarkIntervalMillis() {
    return watermarkIntervalMillis;
  }

  /** The runtime's operator for the spec, around this subtask's own copies, as a job deploys it. */
  @Override
  StreamOperator createOperator() {
    Serializable function = functionCopies.newCopy();
    KeySelector<?, ?> keySelector = keySelectorCopies == null ? null : keySelectorCopies.newCopy();
    return OperatorFactory.create(spec, function, keySelector);
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
    checkKeyOwned(ownershipSelector, value, "");
    // The same pinning as the runtime's ChainedOutput: this operator, this subtask, this record.
    callOnRecord(() -> operator().processElement(value, timestamp), value);
  }

  /**
   * Tells the operator that event time has reached {@code watermark}. Operators without event-time
   * logic forward it, which {@link #watermarks()} shows.
   *
   * @throws OperatorException if the operator fails on it
   */
  public void processWatermark(long watermark) {
    checkPhase(Phase.OPEN, "processWatermark(...) needs an open operator whose input has not ended");
    call(() -> operator().processWatermark(watermark));
  }

}
