package dev.runnel.examples.orders;

import dev.runnel.api.DataStream;
import java.math.BigDecimal;

/**
 * The order-alerts pipeline, to be put behind any source and sink: per customer, a running total
 * and count of the orders, and an alert flag once the total exceeds a threshold.
 *
 * <p>Results of one customer come out in the order that customer's orders went in, provided the
 * orders stream itself delivers each customer's orders in order (one reader per input file does).
 */
public final class OrderAlerts {
  /** The threshold of {@code --threshold} when not given. */
  public static final double DEFAULT_THRESHOLD = 500;

  /** Name and uid of the stateful step, which keeps the totals. */
  public static final String RUNNING_TOTAL_STEP = "running-total";

  private OrderAlerts() {}

  /** One {@link OrderAlert} per order; {@code alert} is set when the total is above threshold. */
  public static DataStream<OrderAlert> alerts(DataStream<Order> orders, double threshold) {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a finite number, was " + threshold);
    }
    return orders
        .keyBy(Order::customerId)
        .process(new RunningTotalFunction(BigDecimal.valueOf(threshold)))
        .name(RUNNING_TOTAL_STEP)
        .uid(RUNNING_TOTAL_STEP);
  }
}
