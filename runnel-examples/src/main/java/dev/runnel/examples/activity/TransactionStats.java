package dev.runnel.examples.activity;

import dev.runnel.api.functions.AggregateFunction;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Folds the transactions of a window into their count, total, smallest and largest amount. */
final class TransactionStats
    implements AggregateFunction<UserActivity, TransactionStats.Stats, TransactionStats.Stats> {
  private static final long serialVersionUID = 1L;

  /** The statistics so far; immutable. {@code min} and {@code max} are null while empty. */
  record Stats(long count, BigDecimal total, BigDecimal min, BigDecimal max)
      implements Serializable {

    /**
     * {@code total / count}, rounded half-even to two more decimals than the total has (at least
     * two): 10.00 over 3 is 3.3333.
     */
    BigDecimal average() {
      int scale = Math.max(total.scale(), 0) + 2;
      return total.divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_EVEN);
    }
  }

  @Override
  public Stats createAccumulator() {
    return new Stats(0, BigDecimal.ZERO, null, null);
  }

  @Override
  public Stats add(UserActivity transaction, Stats stats) {
    BigDecimal amount = transaction.amount();
    return new Stats(stats.count() + 1, stats.total().add(amount),
        min(stats.min(), amount), max(stats.max(), amount));
  }

  @Override
  public Stats getResult(Stats stats) {
    return stats;
  }

  @Override
  public Stats merge(Stats a, Stats b) {
    return new Stats(a.count() + b.count(), a.total().add(b.total()),
        min(a.min(), b.min()), max(a.max(), b.max()));
  }

  private static BigDecimal min(BigDecimal a, BigDecimal b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) <= 0 ? a : b;
  }

  private static BigDecimal max(BigDecimal a, BigDecimal b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }
}
