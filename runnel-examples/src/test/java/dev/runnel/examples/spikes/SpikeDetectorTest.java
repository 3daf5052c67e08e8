package dev.runnel.examples.spikes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.customers.CustomerWindowTotal;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.OperatorSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spike rules and the idle timer, driven through the operator harness. */
class SpikeDetectorTest {
  private static final long MINUTE = 60_000;

  private static OneInputOperatorHarness<CustomerWindowTotal, SpendingSpike> harness() {
    return OneInputOperatorHarness.forKeyedProcess(
        new SpikeDetector(BigDecimal.valueOf(3), 2, Duration.ofMinutes(10)),
        CustomerWindowTotal::customerId);
  }

  /** The window [minute, minute+1) of {@code customer} with {@code total}, as the window emits it. */
  private static void window(OneInputOperatorHarness<CustomerWindowTotal, SpendingSpike> h,
      String customer, long minute, String total) {
    h.processElement(new CustomerWindowTotal(customer, "m" + minute, "m" + (minute + 1), 1,
        new BigDecimal(total)), (minute + 1) * MINUTE - 1);
  }

  private static List<String> spikes(OneInputOperatorHarness<CustomerWindowTotal, SpendingSpike> h) {
    return h.output().stream().map(s -> s.customerId() + "@" + s.windowStart() + " "
        + s.total() + ">3x" + s.average()).toList();
  }

  @Test
  void when_windowExceedsThreeTimesTheAverage_then_spike() {
    try (var h = harness()) {
      h.open();
      window(h, "a", 0, "10");
      window(h, "a", 1, "30"); // only one earlier window: too early to judge
      window(h, "a", 2, "60"); // average 20: exactly 3x is not a spike
      window(h, "a", 3, "100.01"); // average 33.33
      window(h, "b", 3, "1000"); // b has no history

      assertThat(spikes(h)).containsExactly("a@m3 100.01>3x33.33");
    }
  }

  @Test
  void when_windowArrivesAfterIdleTimeBeforeTheTimerFired_then_historyIsForgottenAnyway() {
    try (var h = harness()) {
      h.open();
      window(h, "a", 0, "10");
      window(h, "a", 1, "10");
      window(h, "a", 30, "100"); // the watermark has not reached a's idle timer yet

      assertThat(spikes(h)).isEmpty();
    }
  }

  @Test
  void when_historyExpiredBeforeItsTimerFired_then_theOldTimerDoesNotClearTheNewHistory() {
    try (var h = harness()) {
      h.open();
      window(h, "a", 0, "10");
      window(h, "a", 30, "10"); // a's history starts over; its old timer (11 min) must go
      window(h, "a", 31, "10");
      h.processWatermark(20 * MINUTE); // the old timer would fire here and clear minutes 30, 31
      window(h, "a", 32, "100"); // average 10 over 2 windows: a spike

      assertThat(spikes(h)).containsExactly("a@m32 100>3x10.00");
      assertThat(h.pendingEventTimeTimers()).isEqualTo(1);
    }
  }

  @Test
  void when_customerIdleLongerThanTimeout_then_historyIsForgotten() {
    try (var h = harness()) {
      h.open();
      window(h, "a", 0, "10");
      window(h, "a", 1, "10");
      h.processWatermark(12 * MINUTE); // the idle timer at 2 min - 1 ms + 10 min has fired
      window(h, "a", 20, "100");
      window(h, "a", 21, "100");
      window(h, "a", 22, "100");

      assertThat(spikes(h)).isEmpty();
    }
  }

  @Test
  void when_restoredFromSnapshot_then_historyAndIdleTimerCarryOn() {
    OperatorSnapshot snapshot;
    try (var h = harness()) {
      h.open();
      window(h, "a", 0, "10");
      window(h, "a", 1, "10");
      window(h, "b", 0, "10");
      window(h, "b", 1, "10");
      snapshot = h.snapshot(1);
    }
    try (var h = harness().restoreFrom(snapshot)) {
      h.open();
      assertThat(h.pendingEventTimeTimers()).isEqualTo(2); // a's and b's idle timers
      window(h, "a", 2, "31"); // history restored: a spike
      h.processWatermark(13 * MINUTE); // both idle timers fire and clear the histories
      window(h, "b", 14, "1000"); // b starts over: no spike

      assertThat(spikes(h)).containsExactly("a@m2 31>3x10.00");
      assertThat(h.pendingEventTimeTimers()).isEqualTo(1); // b's new one
    }
  }
}
