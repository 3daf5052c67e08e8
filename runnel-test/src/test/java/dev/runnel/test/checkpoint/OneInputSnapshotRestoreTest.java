package dev.runnel.test.checkpoint;

import static dev.runnel.test.checkpoint.RestoreCheck.assertRestoreIsSeamless;

import dev.runnel.api.DataStream;
import dev.runnel.api.KeyedStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.StateBackend;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.CountEvictor;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.EventTimeTrigger;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TimeEvictor;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.api.window.TumblingProcessingTimeWindows;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.checkpoint.RestoreCheck.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Snapshot, restore into a new operator, go on: the same output as without the interruption, for
 * every stateful one-input operator, on every state backend on the classpath.
 */
class OneInputSnapshotRestoreTest {
  record E(String key, long value) {}

  static Stream<StateBackend> backends() {
    return RestoreCheck.backends();
  }

  // Inputs.

  static Step<OneInputOperatorHarness<E, Object>> el(String key, long value, long timestamp) {
    return h -> h.processElement(new E(key, value), timestamp);
  }

  static Step<OneInputOperatorHarness<E, Object>> el(String key, long value) {
    return h -> h.processElement(new E(key, value));
  }

  static Step<OneInputOperatorHarness<E, Object>> wm(long watermark) {
    return h -> h.processWatermark(watermark);
  }

  static Step<OneInputOperatorHarness<E, Object>> clock(long time) {
    return h -> h.setProcessingTime(time);
  }

  /** Event time: A leaves windows open and timers pending, B has a late element and closes all. */
  static final List<Step<OneInputOperatorHarness<E, Object>>> A = List.of(
      el("a", 1, 1), el("b", 2, 3), el("a", 3, 12), wm(9), el("c", 5, 15), el("a", 4, 18),
      el("b", 9, 11), el("a", 6, 13));
  static final List<Step<OneInputOperatorHarness<E, Object>>> B = List.of(
      el("b", 6, 19), el("a", 7, 25), el("a", 100, 4), wm(19), el("b", 8, 22), el("c", 1, 16),
      wm(40), el("a", 2, 45), wm(100));

  // Functions.

  static final class Describe extends ProcessWindowFunction<E, String, String, TimeWindow> {
    @Override
    public void process(String key, Context<TimeWindow> ctx, Iterable<E> elements,
        Collector<String> out) {
      List<Long> values = new ArrayList<>();
      elements.forEach(e -> values.add(e.value()));
      out.collect(key + "[" + ctx.window().start() + "," + ctx.window().end() + ")" + values);
    }
  }

  /** Sums values into a mutable accumulator, changed in place. */
  static final class Sum implements AggregateFunction<E, long[], String> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(E value, long[] acc) {
      acc[0] += value.value();
      acc[1]++;
      return acc;
    }

    @Override
    public String getResult(long[] acc) {
      return acc[0] + "/" + acc[1];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      a[1] += b[1];
      return a;
    }
  }

  static E add(E x, E y) {
    return new E(x.key(), x.value() + y.value());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Supplier<OneInputOperatorHarness<E, Object>> step(
      Function<KeyedStream<String, E>, DataStream<?>> build) {
    return () -> {
      StreamEnvironment env = StreamEnvironment.create();
      return (OneInputOperatorHarness) OneInputOperatorHarness.forStep(
          build.apply(env.fromElements(new E("x", 0)).keyBy(E::key)));
    };
  }

  // Window operator (general).

  @ParameterizedTest
  @MethodSource("backends")
  void tumblingWindowWithAllElements(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(10))).process(new Describe())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void tumblingWindowIncrementalWithAllowedLateness(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .trigger(EventTimeTrigger.create()) // not sliced: the general operator
        .allowedLateness(Duration.ofMillis(8)).aggregate(new Sum())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void slidingWindowWithAllElements(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(20), Duration.ofMillis(10)))
        .process(new Describe())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void sessionWindowsMergeAcrossTheRestore(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(EventTimeSessionWindows.withGap(Duration.ofMillis(4))).process(new Describe())),
        A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void sessionWindowsWithMergingAccumulators(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(EventTimeSessionWindows.withGap(Duration.ofMillis(4))).aggregate(new Sum())),
        A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void sessionWindowsWithMergingAccumulatorsOnTheGeneralOperator(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(EventTimeSessionWindows.withGap(Duration.ofMillis(4)))
        .trigger(EventTimeTrigger.create()) // not the session operator: the general one
        .aggregate(new Sum())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void sessionOperatorReduceWithWindowFunction(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(EventTimeSessionWindows.withGap(Duration.ofMillis(3)))
        .reduce(OneInputSnapshotRestoreTest::add, new Describe())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void globalCountWindow(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s.countWindow(3)
        .reduce(OneInputSnapshotRestoreTest::add)), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void slidingCountWindowWithEvictor(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s.countWindow(3, 2)
        .reduce(OneInputSnapshotRestoreTest::add)), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void evictingTimeWindow(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(20)))
        .evictor(CountEvictor.of(2)).process(new Describe())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void evictingWindowAfterFiring(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(20), Duration.ofMillis(10)))
        .evictor(TimeEvictor.of(Duration.ofMillis(5), true)).process(new Describe())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void processingTimeWindow(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(TumblingProcessingTimeWindows.of(Duration.ofMillis(10))).process(new Describe())),
        List.of(el("a", 1), clock(5), el("b", 2), el("a", 3), clock(12), el("a", 4), el("c", 5)),
        List.of(el("a", 6), clock(15), el("b", 7), clock(20), el("c", 8), clock(35)));
  }

  // Sliced windows.

  @ParameterizedTest
  @MethodSource("backends")
  void slicedTumblingAggregate(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(10))).aggregate(new Sum())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void slicedTumblingReduceWithAllowedLateness(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .allowedLateness(Duration.ofMillis(8)).reduce(OneInputSnapshotRestoreTest::add)), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void slicedSlidingAggregateWithAllowedLateness(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(20), Duration.ofMillis(5)))
        .allowedLateness(Duration.ofMillis(6)).aggregate(new Sum())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void slicedSlidingAggregate(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(20), Duration.ofMillis(10)))
        .aggregate(new Sum())), A, B);
  }

  // Keyed process functions.

  /** Sums per key; emits the sum 10 ms (event time) after a key's first element since the last. */
  static final class DelayedSum extends KeyedProcessFunction<String, E, String> {
    private transient ValueState<Long> sum;

    @Override
    public void open(RuntimeContext ctx) {
      sum = ctx.getState(new ValueStateDescriptor<>("sum", Long.class));
    }

    @Override
    public void processElement(E e, Context<String> ctx, Collector<String> out) throws Exception {
      Long current = sum.value();
      if (current == null) {
        ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 10);
      }
      sum.update((current == null ? 0 : current) + e.value());
    }

    @Override
    public void onTimer(long time, OnTimerContext<String> ctx, Collector<String> out)
        throws Exception {
      out.collect(ctx.getCurrentKey() + "=" + sum.value() + "@" + ctx.timeDomain());
      sum.clear();
    }
  }

  /** Counts per key; emits the count 10 ms of processing time after a key's first element. */
  static final class ProcessingTimeCount extends KeyedProcessFunction<String, E, String> {
    private transient ValueState<Long> count;

    @Override
    public void open(RuntimeContext ctx) {
      count = ctx.getState(new ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public void processElement(E e, Context<String> ctx, Collector<String> out) throws Exception {
      Long current = count.value();
      if (current == null) {
        ctx.timerService().registerProcessingTimeTimer(
            ctx.timerService().currentProcessingTime() + 10);
      }
      count.update((current == null ? 0 : current) + 1);
    }

    @Override
    public void onTimer(long time, OnTimerContext<String> ctx, Collector<String> out)
        throws Exception {
      out.collect(ctx.getCurrentKey() + "=" + count.value() + "@" + time + "/"
          + ctx.timeDomain());
      count.clear();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void keyedProcessWithEventTimeTimers(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s.process(new DelayedSum())), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void keyedProcessWithProcessingTimeTimers(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s.process(new ProcessingTimeCount())),
        List.of(el("a", 1), clock(4), el("b", 2), el("a", 3), clock(10), el("a", 4), el("c", 5),
            clock(13)),
        List.of(el("a", 6), clock(16), el("b", 7), clock(20), el("c", 8), clock(40)));
  }

  // Rolling aggregations (keyed process functions over keyed state).

  @ParameterizedTest
  @MethodSource("backends")
  void rollingReduce(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s.reduce(OneInputSnapshotRestoreTest::add)), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rollingCount(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(KeyedStream::count), A, B);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rollingSum(StateBackend backend) {
    assertRestoreIsSeamless(backend, step(s -> s.sum(E::value)), A, B);
  }
}
