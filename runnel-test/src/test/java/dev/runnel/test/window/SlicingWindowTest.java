package dev.runnel.test.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.WindowedStream;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.EventTimeTrigger;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.TimestampedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sliding aggregation shares slices: one accumulator update per element, same results. */
class SlicingWindowTest {
  record E(String key, long value) {}

  static final AtomicLong ADDS = new AtomicLong();

  /** Sums, counting every add() call (the function is copied, so the counter is static). */
  static final class CountingSum implements AggregateFunction<E, long[], String> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(E e, long[] acc) {
      ADDS.incrementAndGet();
      acc[0] += e.value();
      acc[1] = e.key().hashCode();
      return acc;
    }

    @Override
    public String getResult(long[] acc) {
      return acc[1] + ":" + acc[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      a[1] = b[1];
      return a;
    }
  }

  /** Formats a window's one aggregate with its bounds, key, watermark and a per-window count. */
  static final class Describe extends ProcessWindowFunction<String, String, String, TimeWindow> {
    @Override
    public void process(String key, Context<TimeWindow> ctx, Iterable<String> results,
        Collector<String> out) throws Exception {
      ValueState<Long> fired = ctx.windowState().getState(
          new ValueStateDescriptor<>("fired", Long.class));
      long n = fired.value() == null ? 1 : fired.value() + 1;
      fired.update(n);
      for (String r : results) {
        out.collect(key + " [" + ctx.window().start() + "," + ctx.window().end() + ") " + r
            + " wm<" + (ctx.currentWatermark() >= ctx.window().maxTimestamp()) + "> #" + n);
      }
    }
  }

  private static List<String> runWithFunction(boolean general, boolean sliding, long seed) {
    StreamEnvironment env = StreamEnvironment.create();
    WindowedStream<E, String, TimeWindow> windowed = env.fromElements(new E("x", 0))
        .keyBy(E::key)
        .window(sliding
            ? SlidingEventTimeWindows.of(Duration.ofMillis(1_000), Duration.ofMillis(250))
            : TumblingEventTimeWindows.of(Duration.ofMillis(500)));
    if (general) {
      windowed.trigger(EventTimeTrigger.create());
    }
    DataStream<String> out = windowed.aggregate(new CountingSum(), new Describe());
    Random random = new Random(seed);
    List<String> results = new ArrayList<>();
    try (OneInputOperatorHarness<E, String> h = OneInputOperatorHarness.forStep(out)) {
      h.open();
      for (int i = 0; i < 2_000; i++) {
        long ts = i * 3L + random.nextInt(300);
        h.processElement(new E("k" + random.nextInt(5), random.nextInt(1_000)), ts);
        if (i % 50 == 0) {
          h.processWatermark(i * 3L - 100);
        }
      }
      h.processWatermark(Long.MAX_VALUE);
      for (TimestampedValue<String> r : h.outputWithTimestamps()) {
        results.add(r.timestamp() + " " + r.value());
      }
    }
    return results;
  }

  @Test
  void when_aggregateWithProcessFunctionIsSliced_then_resultsEqualTheGeneralOperator() {
    for (boolean sliding : new boolean[] {true, false}) {
      for (long seed = 1; seed <= 5; seed++) {
        ADDS.set(0);
        List<String> sliced = runWithFunction(false, sliding, seed);
        long slicedAdds = ADDS.getAndSet(0);
        List<String> general = runWithFunction(true, sliding, seed);

        assertThat(sliced).as("sliding=%s seed=%d", sliding, seed).isNotEmpty()
            .containsExactlyInAnyOrderElementsOf(general);
        // Late elements (behind the watermark) are dropped, so at most one add per element.
        assertThat(slicedAdds).isLessThanOrEqualTo(2_000).isGreaterThan(1_000);
      }
    }
  }

  private static List<String> run(boolean general, long seed) {
    StreamEnvironment env = StreamEnvironment.create();
    WindowedStream<E, String, TimeWindow> windowed = env.fromElements(new E("x", 0))
        .keyBy(E::key)
        .window(SlidingEventTimeWindows.of(Duration.ofMillis(1_000), Duration.ofMillis(100)))
        .allowedLateness(Duration.ofMillis(150));
    if (general) {
      windowed.trigger(EventTimeTrigger.create());
    }
    DataStream<String> out = windowed.aggregate(new CountingSum());
    Random random = new Random(seed);
    List<String> results = new ArrayList<>();
    try (OneInputOperatorHarness<E, String> h = OneInputOperatorHarness.forStep(out)) {
      h.open();
      for (int i = 0; i < 2_000; i++) {
        long ts = i * 3L + random.nextInt(300);
        h.processElement(new E("k" + random.nextInt(5), random.nextInt(1_000)), ts);
        if (i % 50 == 0) {
          h.processWatermark(i * 3L - 100);
        }
      }
      h.processWatermark(Long.MAX_VALUE);
      for (TimestampedValue<String> r : h.outputWithTimestamps()) {
        results.add(r.timestamp() + " " + r.value());
      }
    }
    return results;
  }

  @Test
  void when_slidingAggregateIsSliced_then_eachElementIsAddedToExactlyOneAccumulator() {
    ADDS.set(0);
    List<String> sliced = run(false, 7);
    long slicedAdds = ADDS.getAndSet(0);
    List<String> general = run(true, 7);
    long generalAdds = ADDS.get();

    assertThat(sliced).isNotEmpty().containsExactlyInAnyOrderElementsOf(general);
    // 2 000 elements, none late here: one add each when sliced, one per window (10) otherwise
    assertThat(slicedAdds).isEqualTo(2_000);
    assertThat(generalAdds).isEqualTo(20_000);
  }
}
