package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import java.time.Duration;
import java.util.Objects;

/**
 * The first step of an interval join ({@link KeyedStream#intervalJoin}): two keyed streams whose
 * bounds are not set yet. Call {@link #between} to set them.
 *
 * @param <K> key type
 * @param <T1> type of the left input
 * @param <T2> type of the right input
 */
@Public
public final class IntervalJoin<K, T1, T2> {
  private final KeyedStream<K, T1> left;
  private final KeyedStream<K, T2> right;

  IntervalJoin(KeyedStream<K, T1> left, KeyedStream<K, T2> right) {
    this.left = left;
    this.right = right;
  }

  /**
   * Joins each left element with every right element of the same key whose timestamp is in
   * {@code [left.timestamp + lower, left.timestamp + upper]}, both bounds inclusive unless made
   * exclusive. Bounds may be negative: {@code between(ofMinutes(-5), ZERO)} matches right elements
   * up to five minutes before the left one.
   *
   * @throws IllegalArgumentException if {@code lower} is after {@code upper}
   */
  public IntervalJoined<K, T1, T2> between(Duration lower, Duration upper) {
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
    if (lower.compareTo(upper) > 0) {
      throw new IllegalArgumentException(
          "interval join lower bound " + lower + " must not be after its upper bound " + upper);
    }
    return new IntervalJoined<>(left, right, lower.toMillis(), upper.toMillis());
  }
}
