package dev.runnel.examples.fraud;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.examples.EventTimestamps;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed by account, judges each transaction on arrival:
 *
 * <ul>
 *   <li>{@code AMOUNT_SPIKE} when its amount is more than {@link #SPIKE_FACTOR} times the amount of
 *       the account's previous transaction (previous in arrival order);
 *   <li>{@code VELOCITY} when the account has {@link #VELOCITY_COUNT} or more transactions, this
 *       one included, with a timestamp in {@code (t − 60 s, t]}, among those arrived so far.
 * </ul>
 *
 * <p><b>Bounded state.</b> The timestamps of recent transactions are kept in a list that event-time
 * timers prune: a transaction at {@code ts} can matter only to transactions at {@code t < ts + 60
 * s}, and none of those can arrive on time once the watermark has reached {@code ts + 60 s}, so it
 * is dropped then. The list thus holds only the transactions of the last 60 seconds of event time
 * plus the out-of-orderness bound. A transaction that arrives behind the watermark (later than the
 * bound) is still judged, but only against the transactions still kept; the count is read the
 * same way, {@code ts + 60 s > watermark}, whether or not a timer has pruned yet, so results do not
 * depend on when timers run.
 */
public final class FraudDetectionFunction
    extends KeyedProcessFunction<String, Transaction, FraudAlert> {
  private static final long serialVersionUID = 1L;

  /** An amount above this many times the previous one is a spike. */
  public static final BigDecimal SPIKE_FACTOR = BigDecimal.valueOf(3);

  /** The span of the velocity check, in milliseconds. */
  public static final long VELOCITY_WINDOW_MILLIS = 60_000;

  /** This many transactions within the span are too many. */
  public static final int VELOCITY_COUNT = 3;

  /** The list state of the recent transactions' timestamps, per account. */
  public static final String RECENT_TIMESTAMPS_STATE = "recent-timestamps";

  private transient ValueState<BigDecimal> previousAmount;
  private transient ListState<Long> recentTimestamps;

  @Override
  public void open(RuntimeContext context) {
    previousAmount = context.getState(new ValueStateDescriptor<>("previous-amount",
        BigDecimal.class));
    recentTimestamps = context.getListState(new ListStateDescriptor<>(RECENT_TIMESTAMPS_STATE,
        Long.class));
  }

  @Override
  public void processElement(Transaction tx, Context<String> ctx, Collector<FraudAlert> out)
      throws Exception {
    BigDecimal previous = previousAmount.value();
    previousAmount.update(tx.amount());
    if (previous != null && tx.amount().compareTo(previous.multiply(SPIKE_FACTOR)) > 0) {
      out.collect(alert(tx, FraudAlert.Type.AMOUNT_SPIKE));
    }

    long t = tx.timestamp();
    long watermark = ctx.timerService().currentWatermark();
    int inWindow = 1; // this one
    for (long ts : recentTimestamps.get()) {
      if (isKept(ts, watermark) && ts > t - VELOCITY_WINDOW_MILLIS && ts <= t) {
        inWindow++;
      }
    }
    if (isKept(t, watermark)) {
      recentTimestamps.add(t);
      ctx.timerService().registerEventTimeTimer(t + VELOCITY_WINDOW_MILLIS);
    }
    if (inWindow >= VELOCITY_COUNT) {
      out.collect(alert(tx, FraudAlert.Type.VELOCITY));
    }
  }

  /** Drops the timestamps no transaction arriving on time can count any more. */
  @Override
  public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<FraudAlert> out)
      throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    List<Long> kept = new ArrayList<>();
    for (long ts : recentTimestamps.get()) {
      if (isKept(ts, watermark)) {
        kept.add(ts);
      }
    }
    recentTimestamps.update(kept);
  }

  /** Whether a transaction at {@code ts} can still be in the window of one arriving on time. */
  static boolean isKept(long ts, long watermark) {
    return watermark == Long.MIN_VALUE || ts > watermark - VELOCITY_WINDOW_MILLIS;
  }

  private static FraudAlert alert(Transaction tx, FraudAlert.Type type) {
    return new FraudAlert(tx.transactionId(), tx.accountId(), type, tx.amount(),
        EventTimestamps.format(tx.timestamp()));
  }
}
