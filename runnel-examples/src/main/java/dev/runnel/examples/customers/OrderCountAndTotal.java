package dev.runnel.examples.customers;

import dev.runnel.api.functions.AggregateFunction;
import java.io.Serializable;
import java.math.BigDecimal;

/** Sums the orders of a window incrementally: how many, and their total. */
final class OrderCountAndTotal
    implements AggregateFunction<CustomerOrder, OrderCountAndTotal.Sum, OrderCountAndTotal.Sum> {
  private static final long serialVersionUID = 1L;

  /** The count and total so far; immutable. */
  record Sum(long count, BigDecimal total) implements Serializable {}

  @Override
  public Sum createAccumulator() {
    return new Sum(0, BigDecimal.ZERO);
  }

  @Override
  public Sum add(CustomerOrder order, Sum sum) {
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
