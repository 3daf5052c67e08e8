package dev.runnel.test.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.WindowedStream;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.EventTimeTrigger;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.api.window.WindowAssigner;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.TimestampedValue;
import dev.runnel.test.window.WindowSemanticsModel.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds shuffled event streams with late elements into window operators and compares what they
 * emit (main output with timestamps, and the late side output) with {@link
 * WindowSemanticsModel}, over many seeds per window kind, with and without allowed lateness, and
 * through both the general operator (an explicit trigger forces it) and the default path (which
 * slices tumbling and sliding windows).
 */
class RandomizedWindowTest {
  static final int SEEDS = 60;
  static final OutputTag<E> LATE = new OutputTag<>("late");

  record E(String key, long value) {}

  /** Sum and count per key and window, as a string that names the key. */
  static final class KeySumCount implements AggregateFunction<E, Object[], String> {
    @Override
    public Object[] createAccumulator() {
      return new Object[] {null, 0L, 0L};
    }

    @Override
    public Object[] add(E e, Object[] acc) {
      acc[0] = e.key();
      acc[1] = (Long) acc[1] + e.value();
      acc[2] = (Long) acc[2] + 1;
      return acc;
    }

    @Override
    public String getResult(Object[] acc) {
      return acc[0] + ":" + acc[1] + ":" + acc[2];
    }

    @Override
    public Object[] merge(Object[] a, Object[] b) {
      a[0] = a[0] != null ? a[0] : b[0];
      a[1] = (Long) a[1] + (Long) b[1];
      a[2] = (Long) a[2] + (Long) b[2];
      return a;
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (long lateness : new long[] {0, 25}) {
        for (boolean general : new boolean[] {true, false}) {
          cases.add(Arguments.of(kind, lateness, general));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} lateness={1} generalOperator={2}")
  @MethodSource("cases")
  void operatorMatchesTheModel(Kind kind, long lateness, boolean general) {
    for (int seed = 0; seed < SEEDS; seed++) {
      runSeed(kind, lateness, general, seed);
    }
  }

  private static void runSeed(Kind kind, long lateness, boolean general, int seed) {
    Random random = new Random(seed * 7919L + kind.ordinal() * 31 + lateness);
    // sliding shapes vary with the seed: slide == size, size a multiple, and gcd < slide
    long[][] shapes = {{25, 10}, {20, 10}, {30, 10}, {10, 10}, {21, 6}, {40, 15}};
    long[] shape = shapes[seed % shapes.length];
    long size = kind == Kind.TUMBLING ? 20 : kind == Kind.SLIDING ? shape[0] : 15;
    long slide = shape[1];
    WindowSemanticsModel model = new WindowSemanticsModel(kind, size, slide, lateness);
    List<String> actual = new ArrayList<>();
    List<String> actualLate = new ArrayList<>();
    try (OneInputOperatorHarness<E, String> h = harness(kind, size, slide, lateness, general)) {
      h.open();
      long maxSeen = Long.MIN_VALUE;
      long wm = Long.MIN_VALUE;
      int n = 40 + random.nextInt(40);
      for (int i = 0; i < n; i++) {
        long base = i * 5L;
        long ts = Math.max(0, base + random.nextInt(40) - 30);
        if (random.nextInt(10) == 0) {
          ts = Math.max(0, ts - 60 - random.nextInt(60)); // very late
        }
        String key = "k" + random.nextInt(3);
        long value = 1 + random.nextInt(1_000_000);
        h.processElement(new E(key, value), ts);
        model.element(key, value, ts);
        maxSeen = Math.max(maxSeen, ts);
        if (random.nextInt(3) == 0) {
          long next = maxSeen - random.nextInt(20);
          if (next > wm) {
            wm = next;
            h.processWatermark(wm);
            model.watermark(wm);
          }
        }
      }
      h.processWatermark(Long.MAX_VALUE);
      model.watermark(Long.MAX_VALUE);
      for (TimestampedValue<String> r : h.outputWithTimestamps()) {
        actual.add(r.timestamp() + " " + r.value());
      }
      for (E e : h.sideOutput(LATE)) {
        actualLate.add(e.key() + ":" + e.value());
      }
    }
    String where = kind + " lateness=" + lateness + " general=" + general + " seed=" + seed
        + " size=" + size + " slide=" + slide;
    assertThat(actual).as(where).containsExactlyInAnyOrderElementsOf(model.output);
    assertThat(actualLate).as(where + " late").containsExactlyInAnyOrderElementsOf(model.late);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static OneInputOperatorHarness<E, String> harness(
      Kind kind, long size, long slide, long lateness, boolean general) {
    WindowAssigner<Object, TimeWindow> assigner = switch (kind) {
      case TUMBLING -> (WindowAssigner) TumblingEventTimeWindows.of(Duration.ofMillis(size));
      case SLIDING -> (WindowAssigner) SlidingEventTimeWindows.of(
          Duration.ofMillis(size), Duration.ofMillis(slide));
      case SESSION -> (WindowAssigner) EventTimeSessionWindows.withGap(Duration.ofMillis(size));
    };
    StreamEnvironment env = StreamEnvironment.create();
    WindowedStream<E, String, TimeWindow> windowed = env.fromElements(new E("x", 0))
        .keyBy(E::key)
        .window(assigner)
        .allowedLateness(Duration.ofMillis(lateness))
        .sideOutputLateData(LATE);
    if (general) {
      windowed.trigger(EventTimeTrigger.create());
    }
    DataStream<String> out = windowed.aggregate(new KeySumCount());
    return OneInputOperatorHarness.forStep(out);
  }
}
