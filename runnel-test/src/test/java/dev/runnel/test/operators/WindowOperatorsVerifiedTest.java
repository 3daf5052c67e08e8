package dev.runnel.test.operators;

import static dev.runnel.test.OperatorInput.element;
import static dev.runnel.test.OperatorInput.processingTime;
import static dev.runnel.test.OperatorInput.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.KeyedStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.CountEvictor;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.EventTimeTrigger;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TimeEvictor;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.api.window.TumblingProcessingTimeWindows;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.OperatorInput;
import dev.runnel.test.OperatorVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every window operator (the general one, the sliced one, the session one) under the adversarial
 * verifier: restored after every element, rescaled, split over subtasks, with watermarks moved,
 * on the heap and on RocksDB.
 */
class WindowOperatorsVerifiedTest {
  record E(String key, long value) {}

  /**
   * Out of order, with windows open and timers pending at every point, an element late for one
   * window but within an allowed lateness of 8 (a@4 after watermark 9) and one later than that
   * (c@16 after watermark 19).
   */
  static final List<OperatorInput> OUT_OF_ORDER = List.of(
      el("a", 1, 1), el("b", 2, 3), el("a", 3, 12), watermark(9), el("c", 5, 15), el("a", 4, 18),
      el("b", 9, 11), el("a", 6, 13), el("b", 6, 19), el("a", 7, 25), el("a", 100, 4),
      watermark(19), el("b", 8, 22), el("c", 1, 16), watermark(40), el("a", 2, 45),
      watermark(100));

  /** No element behind a watermark: the verifier also drops all watermarks but the last. */
  static final List<OperatorInput> ON_TIME = List.of(
      el("a", 1, 1), el("b", 2, 3), el("a", 3, 12), watermark(2), el("c", 5, 15), el("a", 4, 18),
      el("b", 9, 11), watermark(10), el("a", 6, 13), el("b", 6, 19), el("a", 7, 25),
      watermark(20), el("c", 1, 26), el("a", 2, 45));

  static OperatorInput el(String key, long value, long timestamp) {
    return element(new E(key, value), timestamp);
  }

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

  /** A verifier of the window step that {@code build} puts after {@code keyBy(E::key)}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static OperatorVerifier<Object> windowStep(
      Function<KeyedStream<String, E>, DataStream<?>> build) {
    return OperatorVerifier.of(() -> {
      StreamEnvironment env = StreamEnvironment.create();
      return (OneInputOperatorHarness) OneInputOperatorHarness.forStep(
          build.apply(env.fromElements(new E("x", 0)).keyBy(E::key)));
    });
  }

  // The general window operator.

  @Test
  void tumblingWindowWithAllElements() {
    var result = windowStep(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .process(new Describe())).input(OUT_OF_ORDER).verify();
    assertThat(result.output()).extracting(v -> (Object) v.value()).contains("a[10,20)[3, 4, 6]");
  }

  @Test
  void tumblingWindowIncrementalWithAllowedLateness() {
    var result = windowStep(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .trigger(EventTimeTrigger.create()) // not sliced: the general operator
        .allowedLateness(Duration.ofMillis(8)).aggregate(new Sum())).input(OUT_OF_ORDER).verify();
    // a's window [0,10) fires at watermark 9, then again with the late a@4
    assertThat(result.output()).extracting(v -> (Object) v.value()).contains("1/1", "101/2");
  }

  @Test
  void slidingWindowWithAllElements() {
    windowStep(s -> s
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(20), Duration.ofMillis(10)))
        .process(new Describe())).input(OUT_OF_ORDER).verify();
  }

  @Test
  void slidingWindowOnTime() {
    var result = windowStep(s -> s
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(20), Duration.ofMillis(10)))
        .process(new Describe())).input(ON_TIME).verify();
    assertThat(result.runs()).anyMatch(r -> r.startsWith("NO_WATERMARKS"));
  }

  @Test
  void globalCountWindow() {
    windowStep(s -> s.countWindow(3).reduce(WindowOperatorsVerifiedTest::add))
        .input(OUT_OF_ORDER).verify();
  }

  @Test
  void slidingCountWindowWithEvictor() {
    windowStep(s -> s.countWindow(3, 2).reduce(WindowOperatorsVerifiedTest::add))
        .input(OUT_OF_ORDER).verify();
  }

  @Test
  void evictingTimeWindow() {
    windowStep(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(20)))
        .evictor(CountEvictor.of(2)).process(new Describe())).input(OUT_OF_ORDER).verify();
  }

  @Test
  void evictingWindowAfterFiring() {
    windowStep(s -> s
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(20), Duration.ofMillis(10)))
        .evictor(TimeEvictor.of(Duration.ofMillis(5), true)).process(new Describe()))
        .input(OUT_OF_ORDER).verify();
  }

  @Test
  void processingTimeWindow() {
    var result = windowStep(s -> s
        .window(TumblingProcessingTimeWindows.of(Duration.ofMillis(10))).process(new Describe()))
        .input(element(new E("a", 1)), processingTime(5), element(new E("b", 2)),
            element(new E("a", 3)), processingTime(12), element(new E("a", 4)),
            element(new E("c", 5)), element(new E("a", 6)), processingTime(15),
            element(new E("b", 7)), processingTime(20), element(new E("c", 8)),
            processingTime(35))
        .verify();
    assertThat(result.output()).extracting(v -> (Object) v.value())
        .contains("a[0,10)[1, 3]", "a[10,20)[4, 6]");
  }

  // The sliced window operator.

  @Test
  void slicedTumblingAggregate() {
    windowStep(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .aggregate(new Sum())).input(OUT_OF_ORDER).verify();
  }

  @Test
  void slicedTumblingReduceWithAllowedLateness() {
    windowStep(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .allowedLateness(Duration.ofMillis(8)).reduce(WindowOperatorsVerifiedTest::add))
        .input(OUT_OF_ORDER).verify();
  }

  @Test
  void slicedSlidingAggregateWithAllowedLateness() {
    windowStep(s -> s
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(20), Duration.ofMillis(5)))
        .allowedLateness(Duration.ofMillis(6)).aggregate(new Sum())).input(OUT_OF_ORDER).verify();
  }

  @Test
  void slicedSlidingAggregateOnTime() {
    windowStep(s -> s
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(20), Duration.ofMillis(10)))
        .aggregate(new Sum())).input(ON_TIME).verify();
  }

  // The session window operator, and sessions on the general one.

  @Test
  void sessionWindowsMergeWithAllElements() {
    windowStep(s -> s.window(EventTimeSessionWindows.withGap(Duration.ofMillis(4)))
        .process(new Describe())).input(OUT_OF_ORDER).verify();
  }

  @Test
  void sessionWindowsWithMergingAccumulatorsOnTime() {
    windowStep(s -> s.window(EventTimeSessionWindows.withGap(Duration.ofMillis(4)))
        .aggregate(new Sum())).input(ON_TIME).verify();
  }

  @Test
  void sessionWindowsWithMergingAccumulatorsOnTheGeneralOperator() {
    windowStep(s -> s.window(EventTimeSessionWindows.withGap(Duration.ofMillis(4)))
        .trigger(EventTimeTrigger.create()) // not the session operator: the general one
        .aggregate(new Sum())).input(OUT_OF_ORDER).verify();
  }

  @Test
  void sessionOperatorReduceWithWindowFunction() {
    windowStep(s -> s.window(EventTimeSessionWindows.withGap(Duration.ofMillis(3)))
        .reduce(WindowOperatorsVerifiedTest::add, new Describe())).input(OUT_OF_ORDER).verify();
  }
}
