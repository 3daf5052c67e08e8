package dev.runnel.test.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.TimeDomain;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.TimestampedValue;
import org.junit.jupiter.api.Test;

/** Event-time and processing-time timers of a keyed process function. */
class TimerTest {

  record Reading(String sensor, long time) {}

  /** Registers an event-time timer at time + 100 and a processing-time timer at time + 1000. */
  static final class Reminder extends KeyedProcessFunction<String, Reading, String> {
    @Override
    public void processElement(Reading r, Context<String> ctx, Collector<String> out) {
      ctx.timerService().registerEventTimeTimer(r.time() + 100);
      ctx.timerService().registerProcessingTimeTimer(r.time() + 1_000);
      if (r.sensor().startsWith("cancel")) {
        ctx.timerService().deleteEventTimeTimer(r.time() + 100);
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<String> out) {
      out.collect(ctx.timeDomain() + " " + ctx.getCurrentKey() + "@" + timestamp
          + " wm=" + ctx.timerService().currentWatermark());
    }
  }

  private static OneInputOperatorHarness<Reading, String> harness() {
    return OneInputOperatorHarness.forKeyedProcess(new Reminder(), Reading::sensor);
  }

  @Test
  void when_watermarkPassesTimers_then_theyFireInTimeOrderWithTheirKey() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(new Reading("b", 500), 500);
      h.processElement(new Reading("a", 300), 300);
      h.processElement(new Reading("a", 900), 900);

      h.processWatermark(399);
      assertThat(h.output()).isEmpty(); // a timer fires when the watermark reaches its time
      h.processWatermark(400);
      assertThat(h.output()).containsExactly("EVENT_TIME a@400 wm=400");
      h.processWatermark(1_000);
      assertThat(h.output()).containsExactly(
          "EVENT_TIME a@400 wm=400", "EVENT_TIME b@600 wm=1000", "EVENT_TIME a@1000 wm=1000");
      // The watermark goes on after the timers it fired, and output carries the timer's time.
      assertThat(h.watermarks()).containsExactly(399L, 400L, 1_000L);
      assertThat(h.outputWithTimestamps()).extracting(TimestampedValue::timestamp)
          .containsExactly(400L, 600L, 1_000L);
    }
  }

  @Test
  void when_sameTimerRegisteredTwice_then_itFiresOnce() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(new Reading("a", 300), 300);
      h.processElement(new Reading("a", 300), 300);
      h.processWatermark(10_000);
      assertThat(h.output()).containsExactly("EVENT_TIME a@400 wm=10000");
    }
  }

  @Test
  void when_timerDeleted_then_itDoesNotFire() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(new Reading("cancel-me", 300), 300);
      h.processWatermark(10_000);
      assertThat(h.output()).isEmpty();
    }
  }

  @Test
  void when_clockPassesProcessingTimers_then_theyFireInOrder() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(new Reading("a", 300), 300);
      h.processElement(new Reading("b", 100), 100);

      h.setProcessingTime(1_099);
      assertThat(h.output()).isEmpty();
      h.setProcessingTime(1_100);
      assertThat(h.output()).containsExactly("PROCESSING_TIME b@1100 wm=" + Long.MIN_VALUE);
      h.setProcessingTime(5_000);
      assertThat(h.output()).containsExactly(
          "PROCESSING_TIME b@1100 wm=" + Long.MIN_VALUE,
          "PROCESSING_TIME a@1300 wm=" + Long.MIN_VALUE);
      assertThat(h.outputWithTimestamps()).extracting(TimestampedValue::timestamp)
          .containsOnlyNulls();
    }
  }

  @Test
  void when_timeDomainAskedOutsideOnTimer_then_clearError() throws Exception {
    KeyedProcessFunction<String, Reading, String> asks = new AsksDomain();
    try (var h = OneInputOperatorHarness.forKeyedProcess(asks, Reading::sensor)) {
      h.open();
      h.processElement(new Reading("a", 1), 1);
      assertThat(h.output()).containsExactly("IllegalStateException");
    }
  }

  static final class AsksDomain extends KeyedProcessFunction<String, Reading, String> {
    @Override
    public void processElement(Reading r, Context<String> ctx, Collector<String> out) {
      try {
        TimeDomain d = ((OnTimerContext<String>) ctx).timeDomain();
        out.collect(d.name());
      } catch (IllegalStateException e) {
        out.collect("IllegalStateException");
      }
    }
  }
}
