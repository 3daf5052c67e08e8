package dev.runnel.test.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.KeyedStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.window.ContinuousEventTimeTrigger;
import dev.runnel.api.window.CountEvictor;
import dev.runnel.api.window.CountTrigger;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.GlobalWindows;
import dev.runnel.api.window.PurgingTrigger;
import dev.runnel.api.window.TimeEvictor;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.Trigger;
import dev.runnel.api.window.TriggerResult;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.api.window.Window;
import dev.runnel.test.OneInputOperatorHarness;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Non-default triggers and evictors in the window operator. */
class TriggersAndEvictorsTest {
  record E(String key, long value) {}

  private static <R> OneInputOperatorHarness<E, R> harness(
      Function<KeyedStream<String, E>, DataStream<R>> build) {
    StreamEnvironment env = StreamEnvironment.create();
    return OneInputOperatorHarness.forStep(build.apply(env.fromElements(new E("x", 0)).keyBy(E::key)));
  }

  private static E sum(E a, E b) {
    return new E(a.key(), a.value() + b.value());
  }

  /** Fires when an element's value is negative ("flush"), purging what it fired. */
  static final class FlushOnNegative extends Trigger<E, Window> {
    private final ReducingStateDescriptor<Long> seen =
        new ReducingStateDescriptor<>("seen", Long::sum, Long.class);

    @Override
    public TriggerResult onElement(E e, long ts, Window w, TriggerContext ctx) throws Exception {
      ReducingState<Long> n = ctx.getPartitionedState(seen);
      n.add(1L);
      return e.value() < 0 ? TriggerResult.FIRE_AND_PURGE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, Window w, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, Window w, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(Window w, TriggerContext ctx) {
      ctx.getPartitionedState(seen).clear();
    }
  }

  @Test
  void when_customTriggerFiresAndPurges_then_eachFlushEmitsWhatCameSince() {
    try (var h = harness(s -> s.window(GlobalWindows.create()).trigger(new FlushOnNegative())
        .reduce(TriggersAndEvictorsTest::sum))) {
      h.open();
      h.processElement(new E("a", 1));
      h.processElement(new E("a", 2));
      h.processElement(new E("a", -100));
      h.processElement(new E("a", 5));
      h.processElement(new E("a", -10));
      assertThat(h.output()).extracting(E::value).containsExactly(-97L, -5L);
    }
  }

  @Test
  void when_continuousEventTimeTrigger_then_earlyResultsBeforeTheEnd() {
    try (var h = harness(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
        .trigger(ContinuousEventTimeTrigger.of(Duration.ofMillis(30)))
        .reduce(TriggersAndEvictorsTest::sum))) {
      h.open();
      h.processElement(new E("a", 1), 5);
      h.processWatermark(30);
      h.processElement(new E("a", 2), 40);
      h.processWatermark(60);
      h.processElement(new E("a", 4), 70);
      h.processWatermark(99);
      assertThat(h.output()).extracting(E::value).containsExactly(1L, 3L, 7L, 7L);
    }
  }

  @Test
  void when_purgingCountTriggerOnTimeWindows_then_firesEveryNWithinTheWindow() {
    try (var h = harness(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
        .trigger(PurgingTrigger.of(CountTrigger.of(2)))
        .reduce(TriggersAndEvictorsTest::sum))) {
      h.open();
      for (int i = 1; i <= 5; i++) {
        h.processElement(new E("a", i), i);
      }
      h.processElement(new E("a", 100), 150);
      h.processElement(new E("a", 200), 160);
      assertThat(h.output()).extracting(E::value).containsExactly(3L, 7L, 300L);
    }
  }

  @Test
  void when_timeEvictor_then_windowFunctionSeesOnlyRecentElements() {
    try (var h = harness(s -> s.window(GlobalWindows.create())
        .trigger(CountTrigger.of(4))
        .evictor(TimeEvictor.of(Duration.ofMillis(10)))
        .reduce(TriggersAndEvictorsTest::sum))) {
      h.open();
      h.processElement(new E("a", 1), 0);
      h.processElement(new E("a", 2), 5);
      h.processElement(new E("a", 4), 12);
      h.processElement(new E("a", 8), 14);
      assertThat(h.output()).extracting(E::value).containsExactly(2L + 4 + 8);
    }
  }

  /** Lists the values it sees. */
  static final class ListValues<W extends Window>
      extends ProcessWindowFunction<E, String, String, W> {
    @Override
    public void process(String key, Context<W> ctx, Iterable<E> elements,
        Collector<String> out) {
      StringBuilder sb = new StringBuilder();
      for (E e : elements) {
        sb.append(e.value()).append(' ');
      }
      out.collect(sb.toString().trim());
    }
  }

  @Test
  void when_countEvictorEvictsAfter_then_theFunctionSeesEverythingOnce() {
    try (var h = harness(s -> s.window(GlobalWindows.create())
        .trigger(CountTrigger.of(3))
        .evictor(CountEvictor.of(1, true))
        .process(new ListValues<>()))) {
      h.open();
      for (int i = 1; i <= 5; i++) {
        h.processElement(new E("a", i));
      }
      // after the first firing only the last element stays; two more make the count 3 again
      assertThat(h.output()).containsExactly("1 2 3");
      h.processElement(new E("a", 6));
      assertThat(h.output()).containsExactly("1 2 3", "3 4 5 6");
    }
  }

  @Test
  void when_countTriggerOnSessions_then_countsMergeWithTheSessions() {
    try (var h = harness(s -> s.window(EventTimeSessionWindows.withGap(Duration.ofMillis(10)))
        .trigger(CountTrigger.of(3))
        .process(new ListValues<>()))) {
      h.open();
      h.processElement(new E("a", 1), 0);
      h.processElement(new E("a", 2), 18);
      assertThat(h.output()).isEmpty();
      h.processElement(new E("a", 3), 9); // [9,19) touches both sessions: merged count 3
      assertThat(h.output()).containsExactly("1 2 3");
    }
  }
}
