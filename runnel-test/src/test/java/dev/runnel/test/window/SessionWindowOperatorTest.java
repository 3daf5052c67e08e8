package dev.runnel.test.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.WindowedStream;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.state.StateBackend;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.EventTimeTrigger;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.StateBackends;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.TimestampedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Event-time sessions with an incremental function run on the session operator by default; an
 * explicit {@link EventTimeTrigger} forces the general window operator. Both must give the same
 * main output (values and timestamps) and late output, over random out-of-order input with late
 * elements, elements inside sessions, and elements bridging two sessions.
 */
class SessionWindowOperatorTest {
  static final OutputTag<E> LATE = new OutputTag<>("late");
  static final int SEEDS = 150;

  record E(String key, long value) {}

  /** Sum and count; merge order does not change the result. */
  static final class SumCount implements AggregateFunction<E, long[], String> {
    @Override
    public long[] createAccumulator() {
      return new long[2];
    }

    @Override
    public long[] add(E e, long[] acc) {
      acc[0] += e.value();
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

  /** A session's bounds and result, and how many sessions of its key fired (per-key state). */
  static final class Describe extends ProcessWindowFunction<String, String, String, TimeWindow> {
    @Override
    public void process(String key, Context<TimeWindow> ctx, Iterable<String> results,
        Collector<String> out) throws Exception {
      ValueState<Long> fired = ctx.globalState().getState(
          new ValueStateDescriptor<>("sessions-fired", Long.class));
      long n = fired.value() == null ? 1 : fired.value() + 1;
      fired.update(n);
      for (String r : results) {
        out.collect(key + " [" + ctx.window().start() + "," + ctx.window().end() + ") " + r
            + " #" + n + " wm>=max " + (ctx.currentWatermark() >= ctx.window().maxTimestamp()));
      }
    }
  }

  private static List<String> run(long seed, boolean general, StateBackend backend,
      Function<WindowedStream<E, String, TimeWindow>, DataStream<?>> finish,
      EventTimeSessionWindows<E> assigner, Function<E, Long> gapOf) {
    StreamEnvironment env = StreamEnvironment.create();
    WindowedStream<E, String, TimeWindow> windowed = env.fromElements(new E("x", 0))
        .keyBy(E::key)
        .window(assigner)
        .sideOutputLateData(LATE);
    if (general) {
      windowed.trigger(EventTimeTrigger.create());
    }
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    OneInputOperatorHarness<E, ?> step = OneInputOperatorHarness.forStep(finish.apply(windowed));
    try (OneInputOperatorHarness<E, ?> h = step.stateBackend(backend)) {
      h.open();
      long maxSeen = 0;
      List<Long> ends = new ArrayList<>();
      long wm = Long.MIN_VALUE;
      int n = 50 + random.nextInt(150);
      for (int i = 0; i < n; i++) {
        long ts = Math.max(0, i * 4L + random.nextInt(30) - 20);
        if (random.nextInt(8) == 0) {
          ts = Math.max(0, ts - 40 - random.nextInt(40)); // late, or inside an open session
        }
        E e = new E("k" + random.nextInt(4), 1 + random.nextInt(100));
        h.processElement(e, ts);
        maxSeen = Math.max(maxSeen, ts);
        // often exactly a session's last millisecond: the boundary where it must fire
        ends.add(ts + gapOf.apply(e) - 1);
        long pick = ends.get(random.nextInt(ends.size()));
        // lagging well behind, so that a key often has several sessions waiting to fire
        long next = random.nextBoolean() && pick <= maxSeen - 10 ? pick
            : maxSeen - 10 - random.nextInt(40);
        if (random.nextInt(4) == 0 && next > wm) {
          wm = next;
          h.processWatermark(wm);
          out.add("wm " + wm + " fired so far " + h.output().size());
        }
      }
      h.processWatermark(Long.MAX_VALUE);
      for (TimestampedValue<?> r : h.outputWithTimestamps()) {
        out.add(r.timestamp() + " " + r.value());
      }
      for (E e : h.sideOutput(LATE)) {
        out.add("late " + e);
      }
    }
    return out;
  }

  private static void assertSameAsGeneral(String what,
      Function<WindowedStream<E, String, TimeWindow>, DataStream<?>> finish,
      EventTimeSessionWindows<E> assigner, Function<E, Long> gapOf) {
    int late = 0;
    StateBackend heap = StateBackends.factoryFor("heap").defaultConfiguration();
    for (long seed = 1; seed <= SEEDS; seed++) {
      List<String> general = run(seed, true, heap, finish, assigner, gapOf);
      // every backend, fewer seeds for those that open a database per run: a backend of bytes
      // must see each in-place change to a session list written back
      for (KeyedStateBackendFactory f : StateBackends.all()) {
        if (f.name().equals("heap") || seed <= SEEDS / 5) {
          List<String> fast = run(seed, false, f.defaultConfiguration(), finish, assigner, gapOf);
          assertThat(fast).as("%s seed %d on %s", what, seed, f.name())
              .containsExactlyInAnyOrderElementsOf(general);
          late += (int) fast.stream().filter(s -> s.startsWith("late")).count();
        }
      }
    }
    assertThat(late).as("the inputs have late elements").isGreaterThan(SEEDS);
  }

  @Test
  void aggregateWithWindowFunctionAndPerKeyState() {
    assertSameAsGeneral("aggregate + process",
        w -> w.aggregate(new SumCount(), new Describe()),
        EventTimeSessionWindows.withGap(Duration.ofMillis(10)), e -> 10L);
  }

  @Test
  void aggregate() {
    assertSameAsGeneral("aggregate", w -> w.aggregate(new SumCount()),
        EventTimeSessionWindows.withGap(Duration.ofMillis(7)), e -> 7L);
  }

  @Test
  void reduceWithDynamicGap() {
    assertSameAsGeneral("reduce, dynamic gap",
        w -> w.reduce((a, b) -> new E(a.key(), a.value() + b.value())),
        EventTimeSessionWindows.withDynamicGap(e -> Duration.ofMillis(3 + e.value() % 12)),
        e -> 3 + e.value() % 12);
  }
}
