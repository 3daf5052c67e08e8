package dev.runnel.test.operators;

import static dev.runnel.test.OperatorInput.element;
import static dev.runnel.test.OperatorInput.element2;
import static dev.runnel.test.OperatorInput.processingTime;
import static dev.runnel.test.OperatorInput.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.KeyedStream;
import dev.runnel.api.KeyedValue;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.ProcessJoinFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.functions.TimeDomain;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.OperatorInput;
import dev.runnel.test.OperatorSnapshot;
import dev.runnel.test.OperatorVerifier;
import dev.runnel.test.OperatorVerifier.Variant;
import dev.runnel.test.TimestampedValue;
import dev.runnel.test.TwoInputOperatorHarness;
import dev.runnel.test.operators.WindowOperatorsVerifiedTest.E;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The keyed operators that are not windows (keyed process functions with state and timers, the
 * rolling aggregations, keyed co-process, interval join) under the adversarial verifier.
 */
class KeyedOperatorsVerifiedTest {
  record L(String key, long value) {}

  record R(String key, long value) {}

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

  /**
   * Input 1 sets a key's factor; input 2's values are multiplied by it and summed, the sum emitted
   * by an event-time timer 5 ms after the first value, and a processing-time timer reports the
   * factor 20 ms after it was set.
   */
  static final class Scale extends KeyedCoProcessFunction<String, L, R, String> {
    private transient ValueState<Long> factor;
    private transient ValueState<Long> sum;

    @Override
    public void open(RuntimeContext ctx) {
      factor = ctx.getState(new ValueStateDescriptor<>("factor", Long.class));
      sum = ctx.getState(new ValueStateDescriptor<>("sum", Long.class));
    }

    @Override
    public void processElement1(L l, Context<String> ctx, Collector<String> out) throws Exception {
      factor.update(l.value());
      ctx.timerService().registerProcessingTimeTimer(
          ctx.timerService().currentProcessingTime() + 20);
    }

    @Override
    public void processElement2(R r, Context<String> ctx, Collector<String> out) throws Exception {
      Long f = factor.value();
      Long s = sum.value();
      if (s == null) {
        ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 5);
      }
      sum.update((s == null ? 0 : s) + r.value() * (f == null ? 1 : f));
    }

    @Override
    public void onTimer(long time, OnTimerContext<String> ctx, Collector<String> out)
        throws Exception {
      if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
        out.collect(ctx.getCurrentKey() + " sum " + sum.value());
        sum.clear();
      } else {
        out.collect(ctx.getCurrentKey() + " factor " + factor.value() + " at " + time);
      }
    }
  }

  static final class Pair extends ProcessJoinFunction<L, R, String> {
    @Override
    public void processElement(L l, R r, Context ctx, Collector<String> out) {
      out.collect(l.key() + ":" + l.value() + "+" + r.value());
    }
  }

  static OperatorInput left(String key, long value, long timestamp) {
    return element(new L(key, value), timestamp);
  }

  static OperatorInput right(String key, long value, long timestamp) {
    return element2(new R(key, value), timestamp);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static OperatorVerifier<Object> keyedStep(
      Function<KeyedStream<String, E>, DataStream<?>> build) {
    return OperatorVerifier.of(() -> {
      StreamEnvironment env = StreamEnvironment.create();
      return (OneInputOperatorHarness) OneInputOperatorHarness.forStep(
          build.apply(env.fromElements(new E("x", 0)).keyBy(E::key)));
    });
  }

  @Test
  void keyedProcessWithStateAndEventTimeTimers() {
    var result = keyedStep(s -> s.process(new DelayedSum()))
        // what a timer reports is what arrived before the watermark passed it: placement matters
        .skip(Variant.EXTRA_WATERMARKS, Variant.NO_WATERMARKS)
        .input(WindowOperatorsVerifiedTest.OUT_OF_ORDER).verify();
    assertThat(result.output()).extracting(v -> (Object) v.value())
        // a's timer (at 11) fires at watermark 19, after a@4 (late for windows, not for timers)
        .contains("a=121@EVENT_TIME", "b=17@EVENT_TIME");
  }

  @Test
  void keyedProcessWithStateAndProcessingTimeTimers() {
    var result = keyedStep(s -> s.process(new ProcessingTimeCount()))
        .input(element(new E("a", 1)), processingTime(4), element(new E("b", 2)),
            element(new E("a", 3)), processingTime(10), element(new E("a", 4)),
            element(new E("c", 5)), processingTime(13), element(new E("a", 6)),
            processingTime(16), element(new E("b", 7)), processingTime(20),
            element(new E("c", 8)), processingTime(40))
        .verify();
    assertThat(result.output()).extracting(v -> (Object) v.value())
        .containsExactlyInAnyOrder("a=2@10/PROCESSING_TIME", "b=1@14/PROCESSING_TIME",
            "a=2@20/PROCESSING_TIME", "c=1@20/PROCESSING_TIME", "b=1@26/PROCESSING_TIME",
            "c=1@30/PROCESSING_TIME");
  }

  @Test
  void rollingReduce() {
    keyedStep(s -> s.reduce((x, y) -> new E(x.key(), x.value() + y.value())))
        .input(WindowOperatorsVerifiedTest.OUT_OF_ORDER).verify();
  }

  @Test
  void rollingCount() {
    keyedStep(KeyedStream::count).input(WindowOperatorsVerifiedTest.OUT_OF_ORDER).verify();
  }

  @Test
  void rollingSum() {
    keyedStep(s -> s.sum(Long.class, E::value))
        .input(WindowOperatorsVerifiedTest.OUT_OF_ORDER).verify();
  }

  @Test
  void when_bigDecimalSumOfTenthsIsRestored_then_itStaysExact() {
    List<OperatorInput> tenths = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tenths.add(element(new Amount("a", new BigDecimal("0.1")), i));
      tenths.add(element(new Amount("b", new BigDecimal("0.01")), i));
    }
    var result = keyedSum(Amount::key, BigDecimal.class, Amount::amount).input(tenths).verify();
    assertThat(last(result, "a")).isEqualTo(new BigDecimal("1.0"));
    assertThat(last(result, "b")).isEqualTo(new BigDecimal("0.10"));
  }

  @Test
  void when_longSumBeyondTwoToThe53IsRestored_then_itStaysExact() {
    long big = 1L << 53;
    var result = keyedSum(E::key, Long.class, E::value)
        .input(element(new E("a", big), 1), element(new E("b", 1), 2), element(new E("a", 1), 3),
            element(new E("a", 1), 4), element(new E("a", big), 5))
        .verify();
    assertThat(last(result, "a")).isEqualTo(2 * big + 2);
    assertThat(last(result, "b")).isEqualTo(1L);
  }

  record Amount(String key, BigDecimal amount) {}

  /** A rolling sum of {@code field} into {@code type}, per key, under the verifier. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T, N extends Number> OperatorVerifier<KeyedValue<String, N>> keyedSum(
      KeySelector<T, String> key, Class<N> type, MapFunction<T, ? extends Number> field) {
    return OperatorVerifier.of(() -> {
      DataStream<T> in = (DataStream) StreamEnvironment.create().fromElements("x");
      return (OneInputOperatorHarness) OneInputOperatorHarness.forStep(
          in.keyBy(key).sum(type, field));
    });
  }

  /** The last sum the verified operator emitted for {@code key}. */
  static <N extends Number> N last(OperatorVerifier.Result<KeyedValue<String, N>> result,
      String key) {
    N last = null;
    for (var v : result.output()) {
      if (v.value().key().equals(key)) {
        last = v.value().value();
      }
    }
    return last;
  }

  @Test
  void keyedCoProcessWithTimersInBothDomains() {
    var result = OperatorVerifier.of(
            () -> TwoInputOperatorHarness.forKeyedCoProcess(new Scale(), L::key, R::key))
        // the event-time sum is of what arrived before the watermark passed its timer
        .skip(Variant.EXTRA_WATERMARKS, Variant.NO_WATERMARKS)
        .input(left("a", 2, 0), right("a", 1, 1), right("b", 5, 2), processingTime(5),
            left("b", 3, 3), watermark(2), right("a", 4, 4), right("c", 1, 9), right("b", 1, 8),
            watermark(7), left("c", 10, 9), right("c", 2, 10), processingTime(30), watermark(20),
            right("a", 1, 21), watermark(40), processingTime(60))
        .verify();
    assertThat(result.output()).contains(
        new TimestampedValue<>("a sum 10", 6L)); // 1 * 2 + 4 * 2, at 1 + 5
  }

  @Test
  void intervalJoinKeepsBuffersTimersAndLateness() {
    var result = OperatorVerifier.of(() -> TwoInputOperatorHarness.forIntervalJoin(
            new Pair(), L::key, R::key, Duration.ofMillis(-3), Duration.ofMillis(5)))
        .input(left("a", 1, 10), right("a", 2, 12), left("b", 3, 11), right("a", 4, 20),
            watermark(9), left("a", 5, 18), right("b", 6, 14),
            left("a", 7, 9), // late: at the watermark 9, dropped
            right("b", 8, 14), left("a", 9, 22), watermark(15), right("a", 10, 21),
            right("b", 11, 16), watermark(100))
        .verify();
    assertThat(result.output()).extracting(v -> (Object) v.value())
        .contains("a:1+2", "b:3+6", "a:5+4", "a:9+10")
        .doesNotContain("a:7+2");
  }

  @Test
  void intervalJoinWithWatermarksPerInput() {
    OperatorVerifier.of(() -> TwoInputOperatorHarness.forIntervalJoin(
            new Pair(), L::key, R::key, Duration.ofMillis(0), Duration.ofMillis(4)))
        .input(left("a", 1, 10), right("a", 2, 12), OperatorInput.watermark1(11),
            left("b", 3, 13), OperatorInput.watermark2(12), right("b", 4, 15),
            right("a", 5, 14), OperatorInput.watermark1(20), left("a", 6, 16),
            OperatorInput.watermark2(18), right("a", 7, 19))
        .verify();
  }

  @Test
  void intervalJoinRebuildsItsBufferCountOnRestore() {
    OperatorSnapshot snapshot;
    TwoInputOperatorHarness<L, R, String> first = TwoInputOperatorHarness.forIntervalJoin(
        new Pair(), L::key, R::key, Duration.ofMillis(-3), Duration.ofMillis(5));
    try (first) {
      first.open();
      first.processElement1(new L("a", 1), 10);
      first.processElement1(new L("a", 2), 10);
      first.processElement2(new R("b", 3), 12);
      first.processWatermark(5);
      snapshot = first.snapshot(7);
      assertThat(first.bufferedJoinRecords()).isEqualTo(3);
    }
    try (var restored = first.restoredFrom(snapshot)) {
      restored.open();
      assertThat(restored.bufferedJoinRecords()).isEqualTo(3);
      assertThat(restored.pendingEventTimeTimers()).isEqualTo(2);
      restored.processElement1(new L("a", 9), 4); // behind the restored watermark 5
      assertThat(restored.lateRecordsDropped()).isEqualTo(1);
      restored.processWatermark(100);
      assertThat(restored.bufferedJoinRecords()).isZero();
    }
  }
}
