package dev.runnel.examples.orders;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.math.BigDecimal;

/**
 * Keyed by customer: adds each order to the customer's running total and count (kept in keyed
 * state) and emits an {@link OrderAlert} for it, with {@code alert} set when the total is strictly
 * greater than the threshold. Emits exactly one result per order, in the order the orders arrive.
 */
final class RunningTotalFunction extends KeyedProcessFunction<String, Order, OrderAlert> {
  private static final long serialVersionUID = 1L;

  private final BigDecimal threshold;

  private transient ValueState<BigDecimal> total;
  private transient ValueState<Long> count;

  RunningTotalFunction(BigDecimal threshold) {
    this.threshold = threshold;
  }

  @Override
  public void open(RuntimeContext context) {
    total = context.getState(new ValueStateDescriptor<>("total", BigDecimal.class));
    count = context.getState(new ValueStateDescriptor<>("count", Long.class));
  }

  @Override
  public void processElement(Order order, Context<String> ctx, Collector<OrderAlert> out)
      throws Exception {
    BigDecimal previousTotal = total.value();
    Long previousCount = count.value();
    BigDecimal newTotal =
        previousTotal == null ? order.amount() : previousTotal.add(order.amount());
    long newCount = previousCount == null ? 1 : previousCount + 1;
    total.update(newTotal);
    count.update(newCount);
    out.collect(new OrderAlert(order.orderId(), order.customerId(), order.amount(), newTotal,
        newCount, newTotal.compareTo(threshold) > 0));
  }
}
