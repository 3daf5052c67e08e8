package dev.runnel.examples.spikes;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.examples.customers.CustomerWindowTotal;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Compares each window total of a customer with the average of their earlier windows, and reports
 * it when it is more than {@code factor} times that average (after at least {@code minWindows}
 * earlier windows). A customer's history is forgotten when no window of theirs arrives for {@code
 * idleTimeout} of event time: an event-time timer, moved on with every window, clears it.
 *
 * <p>A window that arrives after its customer's idle time is up starts over even if the timer has
 * not fired yet: when the timer fires depends on the watermark, which (with windows computed in
 * parallel) depends on how fast each upstream subtask ran, and the result must not.
 */
public final class SpikeDetector
    extends KeyedProcessFunction<String, CustomerWindowTotal, SpendingSpike> {
  private static final long serialVersionUID = 1L;

  /** Name of the state holding each customer's history. */
  public static final String HISTORY_STATE = "spending-history";

  /** A customer's earlier windows: how many, their summed totals, and the pending idle timer. */
  public record History(long windows, BigDecimal sum, long idleTimer) implements Serializable {}

  private final BigDecimal factor;
  private final long minWindows;
  private final long idleTimeoutMillis;
  private transient ValueState<History> history;

  public SpikeDetector(BigDecimal factor, long minWindows, Duration idleTimeout) {
    this.factor = factor;
    this.minWindows = minWindows;
    this.idleTimeoutMillis = idleTimeout.toMillis();
  }

  @Override
  public void open(RuntimeContext context) {
    history = context.getState(new ValueStateDescriptor<>(HISTORY_STATE, History.class));
  }

  @Override
  public void processElement(CustomerWindowTotal window, Context<String> ctx,
      Collector<SpendingSpike> out) throws Exception {
    History h = history.value();
    if (h != null) {
      // The idle timer moves on with every window. Deleted here, before the expiry check: a timer
      // left behind would fire later and clear the history this window starts.
      ctx.timerService().deleteEventTimeTimer(h.idleTimer());
      if (ctx.timestamp() >= h.idleTimer()) {
        h = null; // idle long enough; the timer has just not fired yet
      }
    }
    if (h == null) {
      h = new History(0, BigDecimal.ZERO, Long.MIN_VALUE);
    }
    if (h.windows() >= minWindows) {
      BigDecimal average =
          h.sum().divide(BigDecimal.valueOf(h.windows()), 2, RoundingMode.HALF_EVEN);
      if (window.total().compareTo(average.multiply(factor)) > 0) {
        out.collect(new SpendingSpike(window.customerId(), window.windowStart(),
            window.windowEnd(), window.total(), average, h.windows()));
      }
    }
    // A window result carries the window's last millisecond as its timestamp.
    long timer = ctx.timestamp() + idleTimeoutMillis;
    ctx.timerService().registerEventTimeTimer(timer);
    history.update(new History(h.windows() + 1, h.sum().add(window.total()), timer));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<SpendingSpike> out)
      throws Exception {
    history.clear(); // idle long enough: start over
  }
}
