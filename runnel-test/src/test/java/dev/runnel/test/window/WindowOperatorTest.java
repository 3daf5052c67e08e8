package dev.runnel.test.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.KeyedStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessAllWindowFunction;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.EventTimeTrigger;
import dev.runnel.api.window.GlobalWindow;
import dev.runnel.api.window.ProcessingTimeSessionWindows;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.api.window.TumblingProcessingTimeWindows;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.TimestampedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The window operator driven through the harness: firing, lateness, merging, state. */
class WindowOperatorTest {
  record E(String key, long value) {}

  static final OutputTag<E> LATE = new OutputTag<>("late");

  /** Sums values; an incremental aggregate with a mutable accumulator. */
  static final class Sum implements AggregateFunction<E, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] add(E value, long[] acc) {
      acc[0] += value.value();
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      return a;
    }
  }

  /** Describes the window: key, bounds, the values it saw. */
  static final class Describe extends ProcessWindowFunction<E, String, String, TimeWindow> {
    @Override
    public void process(String key, Context<TimeWindow> ctx, Iterable<E> elements,
        Collector<String> out) {
      List<Long> values = new ArrayList<>();
      for (E e : elements) {
        values.add(e.value());
      }
      out.collect(key + "[" + ctx.window().start() + "," + ctx.window().end() + ")" + values);
    }
  }

  private static <R> OneInputOperatorHarness<E, R> harness(
      Function<KeyedStream<String, E>, DataStream<R>> build) {
    StreamEnvironment env = StreamEnvironment.create();
    return OneInputOperatorHarness.forStep(build.apply(env.fromElements(new E("x", 0)).keyBy(E::key)));
  }

  private static OneInputOperatorHarness<E, Long> tumblingSum(Duration lateness) {
    return harness(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .allowedLateness(lateness)
        .aggregate(new Sum()));
  }

  @Test
  void when_watermarkReachesEndMinusOne_then_windowFiresWithItsMaxTimestamp() {
    for (boolean general : new boolean[] {false, true}) {
      try (var h = general
          ? harness(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
              .trigger(EventTimeTrigger.create()).aggregate(new Sum()))
          : tumblingSum(Duration.ZERO)) {
        h.open();
        h.processElement(new E("a", 1), 0);
        h.processElement(new E("a", 2), 9);
        h.processElement(new E("b", 5), 3);
        h.processElement(new E("a", 4), 10);
        h.processWatermark(8);
        assertThat(h.output()).isEmpty();
        h.processWatermark(9);
        assertThat(h.outputWithTimestamps()).containsExactlyInAnyOrder(
            new TimestampedValue<>(3L, 9L), new TimestampedValue<>(5L, 9L));
        h.processWatermark(19);
        assertThat(h.output()).containsExactlyInAnyOrder(3L, 5L, 4L);
        assertThat(h.watermarks()).containsExactly(8L, 9L, 19L);
      }
    }
  }

  @Test
  void when_elementIsLate_then_itIsCountedAsDropped() {
    try (var h = tumblingSum(Duration.ZERO)) {
      h.open();
      h.processElement(new E("a", 1), 5);
      h.processWatermark(9);
      h.processElement(new E("a", 100), 9); // window [0,10) is gone
      h.processWatermark(30);
      assertThat(h.output()).containsExactly(1L);
      assertThat(h.lateRecordsDropped()).isEqualTo(1);
    }
  }

  @Test
  void when_lateDataSideOutputIsSet_then_lateElementsGoThere() {
    try (var h = harness(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .sideOutputLateData(LATE).aggregate(new Sum()))) {
      h.open();
      h.processWatermark(20);
      h.processElement(new E("a", 7), 3);
      assertThat(h.sideOutput(LATE)).containsExactly(new E("a", 7));
      assertThat(h.lateRecordsDropped()).isZero();
      assertThat(h.output()).isEmpty();
    }
  }

  @Test
  void when_lateElementIsWithinAllowedLateness_then_windowFiresAgainUntilCleanup() {
    for (boolean general : new boolean[] {false, true}) {
      try (var h = general
          ? harness(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
              .trigger(EventTimeTrigger.create()).allowedLateness(Duration.ofMillis(5))
              .aggregate(new Sum()))
          : tumblingSum(Duration.ofMillis(5))) {
        h.open();
        h.processElement(new E("a", 1), 2);
        h.processWatermark(9);
        assertThat(h.output()).containsExactly(1L);
        h.processElement(new E("a", 10), 3); // late but allowed: fires again, updated
        assertThat(h.outputWithTimestamps()).containsExactly(
            new TimestampedValue<>(1L, 9L), new TimestampedValue<>(11L, 9L));
        h.processWatermark(13);
        h.processElement(new E("a", 100), 4); // still allowed: 9 + 5 > 13
        assertThat(h.output()).containsExactly(1L, 11L, 111L);
        h.processWatermark(14); // cleanup at 9 + 5
        h.processElement(new E("a", 1000), 5);
        assertThat(h.output()).containsExactly(1L, 11L, 111L);
        assertThat(h.lateRecordsDropped()).isEqualTo(1);
      }
    }
  }

  @Test
  void when_slidingWindows_then_eachElementCountsInEveryWindowItOverlaps() {
    try (var h = harness(s -> s.window(
        SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5)))
        .process(new Describe()))) {
      h.open();
      h.processElement(new E("a", 1), 7);
      h.processElement(new E("a", 2), 12);
      h.processWatermark(100);
      assertThat(h.output()).containsExactly(
          "a[0,10)[1]", "a[5,15)[1, 2]", "a[10,20)[2]");
    }
  }

  @Test
  void when_sessionsOverlap_then_theyMergeAndFireOnceAsOne() {
    try (var h = harness(s -> s.window(EventTimeSessionWindows.withGap(Duration.ofMillis(10)))
        .process(new Describe()))) {
      h.open();
      h.processElement(new E("a", 1), 0);
      h.processElement(new E("a", 2), 30);
      h.processElement(new E("a", 3), 15); // bridges? [15,25) touches neither [0,10) nor [30,40)
      h.processElement(new E("a", 4), 8);  // [8,18) joins [0,10) and [15,25)
      h.processElement(new E("b", 9), 5);
      h.processWatermark(24);
      assertThat(h.output()).containsExactlyInAnyOrder("a[0,25)[1, 3, 4]", "b[5,15)[9]");
      h.processWatermark(100);
      assertThat(h.output()).contains("a[30,40)[2]");
    }
  }

  @Test
  void when_sessionGapIsDynamic_then_eachElementChoosesIt() {
    try (var h = harness(s -> s.window(EventTimeSessionWindows.<E>withDynamicGap(
            e -> Duration.ofMillis(e.value())))
        .process(new Describe()))) {
      h.open();
      h.processElement(new E("a", 20), 0);  // [0,20)
      h.processElement(new E("a", 1), 25);  // [25,26)
      h.processElement(new E("a", 5), 19);  // [19,24): joins [0,20)
      h.processWatermark(100);
      assertThat(h.output()).containsExactly("a[0,24)[20, 5]", "a[25,26)[1]");
    }
  }

  @Test
  void when_countWindow_then_firesEveryNElementsPerKey() {
    try (var h = harness(s -> s.countWindow(3).reduce(
        (a, b) -> new E(a.key(), a.value() + b.value())))) {
      h.open();
      for (int i = 1; i <= 7; i++) {
        h.processElement(new E(i % 2 == 0 ? "even" : "odd", i));
      }
      assertThat(h.output()).containsExactly(new E("odd", 1 + 3 + 5), new E("even", 2 + 4 + 6));
      assertThat(h.outputWithTimestamps().get(0).timestamp()).isEqualTo(GlobalWindow.get().maxTimestamp());
    }
  }

  @Test
  void when_slidingCountWindow_then_firesEverySlideOverTheLastSize() {
    try (var h = harness(s -> s.countWindow(3, 2).reduce(
        (a, b) -> new E(a.key(), a.value() + b.value())))) {
      h.open();
      for (int i = 1; i <= 6; i++) {
        h.processElement(new E("a", i));
      }
      // fires after 2, 4, 6 elements over the last (up to) 3
      assertThat(h.output()).extracting(E::value).containsExactly(1L + 2, 2L + 3 + 4, 4L + 5 + 6);
    }
  }

  @Test
  void when_processingTimeWindow_then_firesOnTheHarnessClock() {
    try (var h = harness(s -> s.window(TumblingProcessingTimeWindows.of(Duration.ofMillis(100)))
        .aggregate(new Sum()))) {
      h.open();
      h.setProcessingTime(10);
      h.processElement(new E("a", 1));
      h.processElement(new E("a", 2));
      h.setProcessingTime(98);
      assertThat(h.output()).isEmpty();
      h.setProcessingTime(99);
      assertThat(h.outputWithTimestamps()).containsExactly(new TimestampedValue<>(3L, 99L));
      h.setProcessingTime(150);
      h.processElement(new E("a", 5));
      h.setProcessingTime(300);
      assertThat(h.output()).containsExactly(3L, 5L);
    }
  }

  /** Counts its firings per window in per-window state, and all firings per key globally. */
  static final class CountFirings extends ProcessWindowFunction<Long, String, String, TimeWindow> {
    private final ValueStateDescriptor<Integer> firings =
        new ValueStateDescriptor<>("firings", Integer.class);
    private final ValueStateDescriptor<Integer> total =
        new ValueStateDescriptor<>("total", Integer.class);

    @Override
    public void process(String key, Context<TimeWindow> ctx, Iterable<Long> sums,
        Collector<String> out) throws Exception {
      ValueState<Integer> n = ctx.windowState().getState(firings);
      n.update(n.value() == null ? 1 : n.value() + 1);
      ValueState<Integer> t = ctx.globalState().getState(total);
      t.update(t.value() == null ? 1 : t.value() + 1);
      out.collect(key + "@" + ctx.window().start() + " sum=" + sums.iterator().next()
          + " firing=" + n.value() + " total=" + t.value() + " wm=" + ctx.currentWatermark());
    }
  }

  @Test
  void when_aggregateWithProcessFunction_then_itSeesWindowMetadataAndPerWindowState() {
    try (var h = harness(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .allowedLateness(Duration.ofMillis(10))
        .aggregate(new Sum(), new CountFirings()))) {
      h.open();
      h.processElement(new E("a", 1), 1);
      h.processWatermark(9);
      h.processElement(new E("a", 2), 2);
      h.processElement(new E("a", 4), 12);
      h.processWatermark(19); // [0,10) cleaned up; [10,20) fires
      assertThat(h.output()).containsExactly(
          "a@0 sum=1 firing=1 total=1 wm=9",
          "a@0 sum=3 firing=2 total=2 wm=9",
          "a@10 sum=4 firing=1 total=3 wm=19");
      h.processWatermark(40);
      // per-window state went with the windows: nothing is left but the global count
      h.processElement(new E("a", 8), 41);
      h.processWatermark(49);
      assertThat(h.output()).last().isEqualTo("a@40 sum=8 firing=1 total=4 wm=49");
    }
  }

  @Test
  void when_reduceWithProcessFunction_then_itGetsTheReducedValue() {
    try (var h = harness(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .reduce((a, b) -> new E(a.key(), Math.max(a.value(), b.value())), new Describe()))) {
      h.open();
      h.processElement(new E("a", 3), 1);
      h.processElement(new E("a", 7), 2);
      h.processElement(new E("a", 5), 3);
      h.processWatermark(9);
      assertThat(h.output()).containsExactly("a[0,10)[7]");
    }
  }

  @Test
  void when_sessionIsPastItsLateness_then_itIsGoneAndItsElementsAreLate() {
    try (var h = harness(s -> s.window(EventTimeSessionWindows.withGap(Duration.ofMillis(5)))
        .allowedLateness(Duration.ofMillis(3))
        .process(new Describe()))) {
      h.open();
      for (int i = 0; i < 20; i++) {
        h.processElement(new E("k" + (i % 4), i), i * 2L);
      }
      h.processWatermark(1_000);
      h.processElement(new E("k0", 1), 10);
      assertThat(h.lateRecordsDropped()).isEqualTo(1);
      assertThat(h.output()).hasSize(20); // per key, elements 8 ms apart with a 5 ms gap: one session each
    }
  }

  @Test
  void when_processingTimeSessionsGoQuiet_then_theyFireOnTheHarnessClock() {
    try (var h = harness(s -> s.window(ProcessingTimeSessionWindows.withGap(Duration.ofMillis(10)))
        .process(new Describe()))) {
      h.open();
      h.setProcessingTime(100);
      h.processElement(new E("a", 1));
      h.setProcessingTime(105);
      h.processElement(new E("a", 2)); // extends the session to [100, 115)
      h.setProcessingTime(113);
      assertThat(h.output()).isEmpty();
      h.setProcessingTime(114);
      assertThat(h.output()).containsExactly("a[100,115)[1, 2]");
    }
  }

  static final class SumAll extends ProcessAllWindowFunction<E, String, TimeWindow> {
    @Override
    public void process(ProcessWindowFunction.Context<TimeWindow> ctx, Iterable<E> elements,
        Collector<String> out) {
      long sum = 0;
      for (E e : elements) {
        sum += e.value();
      }
      out.collect(ctx.window().start() + ":" + sum);
    }
  }

  @Test
  void when_windowAll_then_allKeysShareOneWindow() {
    StreamEnvironment env = StreamEnvironment.create();
    DataStream<String> out = env.fromElements(new E("x", 0))
        .windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
        .process(new SumAll());
    try (OneInputOperatorHarness<E, String> h = OneInputOperatorHarness.forStep(out)) {
      h.open();
      h.processElement(new E("a", 1), 1);
      h.processElement(new E("b", 2), 2);
      h.processElement(new E("c", 4), 12);
      h.processWatermark(100);
      assertThat(h.output()).containsExactly("0:3", "10:4");
    }
  }
}
