package dev.runnel.runtime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.OutputTag;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.time.ProcessingTimeService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TimestampsAndWatermarks} with per-split generators: what a subtask emits is the minimum
 * over its splits that are not idle, with idleness per split on a clock the test moves.
 */
class SplitTimestampsAndWatermarksTest {
  private long now = 1_000_000;
  private final List<String> emitted = new ArrayList<>();
  private final ProcessingTimeService clock = new ProcessingTimeService(() -> now);

  private final Output output = new Output() {
    @Override
    public void emit(Object record, long timestamp) {}

    @Override
    public void emitSide(OutputTag<?> tag, Object record, long timestamp) {}

    @Override
    public void emitWatermark(long watermark) {
      emitted.add(watermark == Watermark.END_OF_TIME ? "end" : Long.toString(watermark));
    }

    @Override
    public void emitWatermarkStatus(boolean idle) {
      emitted.add(idle ? "idle" : "active");
    }
  };

  private TimestampsAndWatermarks<Long> eventTime(long intervalMillis, Duration idleness) {
    WatermarkStrategy<Long> strategy = WatermarkStrategy.<Long>forMonotonousTimestamps()
        .withTimestampAssigner((e, ts) -> e);
    if (idleness != null) {
      strategy = strategy.withIdleness(idleness);
    }
    OperatorContext owner =
        new OperatorContext("job", "source", 0, 1, 128, null, clock, intervalMillis);
    TimestampsAndWatermarks<Long> t =
        new TimestampsAndWatermarks<>(strategy, output, clock, owner, intervalMillis);
    t.start();
    return t;
  }

  private static void feed(TimestampsAndWatermarks<Long> t,
      TimestampsAndWatermarks<Long>.SplitTime split, long time) {
    t.afterEmit(split, time, t.timestampOf(time, Output.NO_TIMESTAMP));
  }

  @Test
  void when_splitsAdvanceUnevenly_then_subtaskEmitsTheirMinimumOnlyWhenItAdvances() {
    TimestampsAndWatermarks<Long> t = eventTime(0, null);
    var a = t.split("a");
    var b = t.split("b");

    feed(t, a, 100);
    assertThat(emitted).as("b has had nothing yet").isEmpty();
    feed(t, b, 50);
    feed(t, a, 300);
    feed(t, b, 200);
    feed(t, b, 400);

    assertThat(emitted).containsExactly("49", "199", "299");
  }

  @Test
  void when_splitReleased_then_itNoLongerHoldsTimeBack() {
    TimestampsAndWatermarks<Long> t = eventTime(0, null);
    var a = t.split("a");
    var b = t.split("b");
    feed(t, a, 100);
    feed(t, b, 1_000);

    t.releaseSplit("a");

    assertThat(emitted).containsExactly("99", "999");
    assertThat(t.currentWatermark()).isEqualTo(999);
  }

  @Test
  void when_oneSplitIdle_then_othersAdvanceAndItCountsAgainWhenItHasData() {
    TimestampsAndWatermarks<Long> t = eventTime(100, Duration.ofSeconds(1));
    var behind = t.split("behind");
    var ahead = t.split("ahead");
    t.split("empty");

    feed(t, behind, 10);
    feed(t, ahead, 5_000);
    now += 100;
    clock.fireDue();
    assertThat(emitted).as("'empty' has no watermark and is not idle yet").isEmpty();

    for (int i = 0; i < 10; i++) { // 1 s with data on 'behind' and 'ahead' only
      feed(t, behind, 20 + i);
      feed(t, ahead, 5_000 + i);
      now += 100;
      clock.fireDue();
    }
    assertThat(emitted).as("'empty' went idle at 1 s, and the minimum of the others is 'behind'")
        .containsExactly("27", "28");

    var empty = t.split("empty");
    feed(t, empty, 1);
    feed(t, behind, 2_000);
    now += 100;
    clock.fireDue();
    assertThat(emitted).as("'empty' is active again at 0, so nothing advances")
        .containsExactly("27", "28");
  }

  @Test
  void when_everySplitIdle_then_subtaskIdleAndActiveAgainWithData() {
    TimestampsAndWatermarks<Long> t = eventTime(100, Duration.ofMillis(500));
    var a = t.split("a");
    feed(t, a, 10);
    now += 100;
    clock.fireDue();
    for (int i = 0; i < 6; i++) {
      now += 100;
      clock.fireDue();
    }
    assertThat(emitted).containsExactly("9", "idle");

    feed(t, a, 20);
    now += 100;
    clock.fireDue();
    assertThat(emitted).containsExactly("9", "idle", "active", "19");
  }

  @Test
  void when_noSplitIsEverCreated_then_watermarksAreAsBefore() {
    TimestampsAndWatermarks<Long> t = eventTime(0, null);
    t.afterEmit(5L, 5);
    t.afterEmit(7L, 7);
    t.endOfInput();
    assertThat(emitted).containsExactly("4", "6", "end");
  }
}
