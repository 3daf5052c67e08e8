package dev.runnel.examples.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.test.OneInputOperatorHarness;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fraud rules and the pruning of their state, driven through the operator harness. */
class FraudDetectionFunctionTest {
  private static final long SECOND = 1_000;

  private static Transaction tx(String id, String account, String amount, long seconds) {
    return Transaction.of(id, account, new BigDecimal(amount), "DE", seconds * SECOND);
  }

  private static OneInputOperatorHarness<Transaction, FraudAlert> harness() {
    return OneInputOperatorHarness.forKeyedProcess(
        new FraudDetectionFunction(), Transaction::accountId);
  }

  private static void process(OneInputOperatorHarness<Transaction, FraudAlert> h, Transaction t) {
    h.processElement(t, t.timestamp());
  }

  private static List<String> alerts(OneInputOperatorHarness<Transaction, FraudAlert> h) {
    return h.output().stream().map(a -> a.transactionId() + " " + a.type()).toList();
  }

  @Test
  void when_amountExceedsThreeTimesThePrevious_then_amountSpike() {
    try (var h = harness()) {
      h.open();
      process(h, tx("t1", "a", "10", 0));
      process(h, tx("t2", "a", "30", 100)); // exactly 3x: not a spike
      process(h, tx("t3", "b", "500", 200)); // another account's first
      process(h, tx("t4", "a", "90.01", 300));

      assertThat(alerts(h)).containsExactly("t4 AMOUNT_SPIKE");
    }
  }

  @Test
  void when_thirdTransactionWithin60Seconds_then_velocity() {
    try (var h = harness()) {
      h.open();
      process(h, tx("t1", "a", "10", 0));
      process(h, tx("t2", "a", "10", 30));
      process(h, tx("t3", "a", "10", 60)); // t1 is at exactly t - 60 s: outside
      process(h, tx("t4", "a", "10", 59)); // out of order: t1 at 0 s and t2 at 30 s count
      process(h, tx("t5", "b", "10", 59));

      assertThat(alerts(h)).containsExactly("t4 VELOCITY");
    }
  }

  @Test
  void when_watermarkPassesTheWindow_then_oldTransactionsAreForgotten() {
    try (var h = harness()) {
      h.open();
      process(h, tx("t1", "a", "10", 10));
      process(h, tx("t2", "a", "10", 20));
      h.processWatermark(80 * SECOND); // t1 + 60 s: t1 can no longer count for on-time arrivals
      process(h, tx("t3", "a", "10", 30)); // late; only t2 is still kept
      h.processWatermark(200 * SECOND); // everything pruned
      process(h, tx("t4", "a", "10", 40)); // late; nothing kept

      assertThat(alerts(h)).isEmpty();
    }
  }

  @Test
  void when_manyTransactionsStream_then_keptStateNeverExceedsTheWindowPlusTheBound() {
    // One transaction per second for three hours, the watermark 5 s behind: at most the 60 s of
    // the window plus the 5 s of the bound (both ends included), plus the one arriving, may be
    // kept at any time.
    StateSizeProbe.maxSize = 0;
    try (var h = OneInputOperatorHarness.forKeyedProcess(
        new StateSizeProbe(67), Transaction::accountId)) {
      h.open();
      long seconds = 3 * 3600;
      for (long s = 0; s < seconds; s++) {
        process(h, tx("t" + s, "a", "10", s));
        h.processWatermark((s - 5) * SECOND - 1);
      }
      h.clearOutput();
      // Late by an hour: everything in its window was pruned long ago.
      process(h, tx("late", "a", "10", seconds - 3600));
      // Each on-time transaction still sees the last minute: all of them are VELOCITY.
      process(h, tx("on-time", "a", "10", seconds));

      assertThat(alerts(h)).containsExactly("on-time VELOCITY");
    }
    assertThat(StateSizeProbe.maxSize).isBetween(60, 67);
  }

  /**
   * Runs {@link FraudDetectionFunction} and, after each of its calls, reads the same list state
   * (asking for a state by its name returns the same state) and fails if it holds more than
   * {@code limit} timestamps.
   */
  private static final class StateSizeProbe
      extends KeyedProcessFunction<String, Transaction, FraudAlert> {
    private static final long serialVersionUID = 1L;
    /** The largest size seen; static because the harness runs a serialized copy. */
    static volatile int maxSize;

    private final FraudDetectionFunction function = new FraudDetectionFunction();
    private final int limit;
    private transient ListState<Long> recent;

    StateSizeProbe(int limit) {
      this.limit = limit;
    }

    @Override
    public void open(RuntimeContext context) throws Exception {
      function.open(context);
      recent = context.getListState(new ListStateDescriptor<>(
          FraudDetectionFunction.RECENT_TIMESTAMPS_STATE, Long.class));
    }

    @Override
    public void processElement(Transaction tx, Context<String> ctx, Collector<FraudAlert> out)
        throws Exception {
      function.processElement(tx, ctx, out);
      check();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<FraudAlert> out)
        throws Exception {
      function.onTimer(timestamp, ctx, out);
      check();
    }

    private void check() throws Exception {
      int size = 0;
      for (Long ignored : recent.get()) {
        size++;
      }
      maxSize = Math.max(maxSize, size);
      if (size > limit) {
        throw new AssertionError("kept " + size + " timestamps, more than " + limit);
      }
    }
  }
}
