package dev.runnel.test.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.TimestampedValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Watermark strategies applied by an assignTimestampsAndWatermarks step, with a driven clock. */
class WatermarkGenerationTest {

  record Event(String id, long time) {}

  private static WatermarkStrategy<Event> bounded(long boundMillis) {
    return WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(boundMillis))
        .withTimestampAssigner((e, ts) -> e.time());
  }

  @Test
  void when_boundedOutOfOrdernessAfterEveryRecord_then_watermarkIsMaxMinusBoundMinusOne()
      throws Exception {
    try (var h = OneInputOperatorHarness.forWatermarkStrategy(bounded(5_000))) {
      h.open();
      h.processElement(new Event("a", 10_000));
      h.processElement(new Event("b", 8_000)); // out of order: the maximum stays 10 000
      h.processElement(new Event("c", 20_000));

      assertThat(h.watermarks()).containsExactly(4_999L, 14_999L);
      assertThat(h.outputWithTimestamps()).extracting(TimestampedValue::timestamp)
          .containsExactly(10_000L, 8_000L, 20_000L);
    }
  }

  @Test
  void when_monotonous_then_watermarkTrailsByOneMillisecond() throws Exception {
    var strategy = WatermarkStrategy.<Event>forMonotonousTimestamps()
        .withTimestampAssigner((e, ts) -> e.time());
    try (var h = OneInputOperatorHarness.forWatermarkStrategy(strategy)) {
      h.open();
      h.processElement(new Event("a", 100));
      h.processElement(new Event("b", 200));
      assertThat(h.watermarks()).containsExactly(99L, 199L);
    }
  }

  @Test
  void when_periodicInterval_then_watermarksOnlyWhenClockPassesInterval() throws Exception {
    try (var h = OneInputOperatorHarness.forWatermarkStrategy(bounded(0))
        .watermarkInterval(Duration.ofMillis(200))) {
      h.open();
      h.processElement(new Event("a", 1_000));
      h.processElement(new Event("b", 2_000));
      assertThat(h.watermarks()).isEmpty();

      h.setProcessingTime(199);
      assertThat(h.watermarks()).isEmpty();
      h.setProcessingTime(200);
      assertThat(h.watermarks()).containsExactly(1_999L);

      h.setProcessingTime(400); // nothing new: the watermark does not advance, so none is sent
      assertThat(h.watermarks()).containsExactly(1_999L);
      h.processElement(new Event("c", 5_000));
      h.setProcessingTime(600);
      assertThat(h.watermarks()).containsExactly(1_999L, 4_999L);
    }
  }

  @Test
  void when_noElementsForIdleTimeout_then_markedIdle_andActiveAgainOnNextWatermark()
      throws Exception {
    var strategy = bounded(0).withIdleness(Duration.ofSeconds(1));
    try (var h = OneInputOperatorHarness.forWatermarkStrategy(strategy)
        .watermarkInterval(Duration.ofMillis(100))) {
      h.open();
      h.processElement(new Event("a", 1_000));
      h.setProcessingTime(500);
      assertThat(h.lastIdleStatus()).isNull();
      h.setProcessingTime(1_700);
      assertThat(h.lastIdleStatus()).isTrue();

      h.processElement(new Event("b", 3_000));
      h.setProcessingTime(1_800);
      assertThat(h.lastIdleStatus()).isFalse();
      assertThat(h.watermarks()).containsExactly(999L, 2_999L);
    }
  }

  @Test
  void when_upstreamWatermarksArrive_then_theyAreReplacedExceptTheFinalOne() throws Exception {
    try (var h = OneInputOperatorHarness.forWatermarkStrategy(bounded(0))) {
      h.open();
      h.processWatermark(123_456);
      h.processElement(new Event("a", 10));
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.watermarks()).containsExactly(9L, Long.MAX_VALUE);
    }
  }
}
