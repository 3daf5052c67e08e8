package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.ProcessJoinFunction;
import dev.runnel.api.internal.TwoInputOperatorSpec;
import dev.runnel.api.internal.TwoInputTransformation;
import java.util.Objects;

/**
 * An interval join with its bounds set ({@link IntervalJoin#between}); {@link #process} adds it
 * to the job.
 *
 * <pre>{@code
 * DataStream<Paid> paid = orders.keyBy(Order::id)
 *     .intervalJoin(payments.keyBy(Payment::orderId))
 *     .between(Duration.ZERO, Duration.ofMinutes(10))
 *     .upperBoundExclusive()
 *     .process(new MatchPayment());
 * }</pre>
 *
 * <p><b>Semantics</b>, as in Flink: a left element {@code l} and a right element {@code r} of
 * equal key are joined when {@code l.ts + lower <= r.ts <= l.ts + upper} (strictly, for an
 * exclusive bound). The join runs in event time only: both inputs need timestamps, and an element
 * without one fails the job. What the function emits carries {@code max(l.ts, r.ts)}.
 *
 * <p><b>State.</b> Each side's elements are buffered per key until the watermark passes the last
 * time at which an element of the other side could still match them; then they are removed. An
 * element that arrives at or behind the operator's watermark (the minimum of both inputs') is
 * dropped without being joined, and counted as {@code <operator>.lateRecordsDropped} in the job's
 * counters. State therefore grows with the bounds' width and with how far watermarks lag.
 *
 * @param <K> key type
 * @param <T1> type of the left input
 * @param <T2> type of the right input
 */
@Public
public final class IntervalJoined<K, T1, T2> {
  private final KeyedStream<K, T1> left;
  private final KeyedStream<K, T2> right;
  private final long lowerMillis;
  private final long upperMillis;
  private boolean lowerInclusive = true;
  private boolean upperInclusive = true;

  IntervalJoined(KeyedStream<K, T1> left, KeyedStream<K, T2> right, long lowerMillis,
      long upperMillis) {
    this.left = left;
    this.right = right;
    this.lowerMillis = lowerMillis;
    this.upperMillis = upperMillis;
  }

  /** Excludes the lower bound: {@code r.ts > l.ts + lower}. */
  public IntervalJoined<K, T1, T2> lowerBoundExclusive() {
    lowerInclusive = false;
    return this;
  }

  /** Excludes the upper bound: {@code r.ts < l.ts + upper}. */
  public IntervalJoined<K, T1, T2> upperBoundExclusive() {
    upperInclusive = false;
    return this;
  }

  /**
   * Calls {@code function} for every matching pair and returns what it emits.
   *
   * @throws IllegalArgumentException if exclusive bounds leave an empty interval
   */
  public <R> DataStream<R> process(ProcessJoinFunction<? super T1, ? super T2, R> function) {
    Objects.requireNonNull(function, "function");
    // Timestamps are whole milliseconds, so an exclusive bound is the inclusive one a step in.
    long lower = lowerInclusive ? lowerMillis : lowerMillis + 1;
    long upper = upperInclusive ? upperMillis : upperMillis - 1;
    KeySelector<T1, K> k1 = left.keySelector();
    KeySelector<T2, K> k2 = right.keySelector();
    TwoInputOperatorSpec spec = new TwoInputOperatorSpec.IntervalJoin(function, k1, k2, lower, upper);
    StreamEnvironment env = left.environment();
    return new DataStream<>(env, new TwoInputTransformation<T1, T2, R>(env.nextId(),
        "IntervalJoin", left.transformation(), right.transformation(), spec));
  }
}
