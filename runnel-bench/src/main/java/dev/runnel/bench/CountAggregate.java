package dev.runnel.bench;

import dev.runnel.api.functions.AggregateFunction;

/**
 * Counts elements in a mutable one-slot accumulator, so adding allocates nothing.
 *
 * @param <T> what is counted
 */
public final class CountAggregate<T> implements AggregateFunction<T, long[], Long> {
  private static final long serialVersionUID = 1L;

  @Override
  public long[] createAccumulator() {
    return new long[1];
  }

  @Override
  public long[] add(T value, long[] acc) {
    acc[0]++;
    return acc;
  }

  @Override
  public Long getResult(long[] acc) {
    return acc[0];
  }

  @Override
  public long[] merge(long[] a, long[] b) {
    a[0] += b[0];
    return a;
  }
}
