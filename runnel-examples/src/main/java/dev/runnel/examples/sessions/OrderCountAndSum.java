package dev.runnel.examples.sessions;

import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.examples.totals.OrderAmount;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * Counts and sums orders ({@link OrderAmount}) incrementally; merges when sessions merge. Also used
 * by high-value-orders.
 */
public final class OrderCountAndSum
    implements AggregateFunction<OrderAmount, OrderCountAndSum.Sum, OrderCountAndSum.Sum> {
  private static final long serialVersionUID = 1L;

  /** The count and total so far; immutable. */
  public record Sum(long count, BigDecimal total) implements Serializable {}

  @Override
  public Sum createAccumulator() {
    return new Sum(0, BigDecimal.ZERO);
  }

  @Override
  public Sum add(OrderAmount order, Sum sum) {
    return new Sum(sum.count() + 1, sum.total().add(order.amount()));
  }

  @Override
  public Sum getResult(Sum sum) {
    return sum;
  }

  @Override
  public Sum merge(Sum a, Sum b) {
    return new Sum(a.count() + b.count(), a.total().add(b.total()));
  }
}
