package dev.runnel.examples.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Made-up orders for demos and load tests, a pure function of a sequence number, so it can back a
 * {@code GeneratorSource.of(OrderGenerator::order)} at any parallelism and give the same orders
 * every run. Order {@code i} has id {@code order-i}, one of {@value #USERS} users ({@code user-01}
 * … {@code user-40}), an amount from 1.00 to 300.00 with two decimals, and a timestamp that
 * increases with {@code i} (about four orders per second from 2026-01-01T00:00:00Z).
 */
public final class OrderGenerator {
  /** How many distinct users the orders belong to. */
  public static final int USERS = 40;

  private static final long START_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long MILLIS_PER_ORDER = 250;
  private static final long MIN_CENTS = 100;
  private static final long MAX_CENTS = 30_000;

  private OrderGenerator() {}

  /** Order number {@code i} (0 or more). */
  public static Order order(long i) {
    if (i < 0) {
      throw new IllegalArgumentException("order number must be >= 0, was " + i);
    }
    long bits = mix(i);
    int user = (int) Long.remainderUnsigned(bits, USERS) + 1;
    long cents = MIN_CENTS + Long.remainderUnsigned(bits >>> 16, MAX_CENTS - MIN_CENTS + 1);
    // Jitter within the order's own time slot keeps timestamps strictly increasing.
    long millis = START_MILLIS + i * MILLIS_PER_ORDER
        + Long.remainderUnsigned(bits >>> 40, MILLIS_PER_ORDER);
    return new Order(
        "order-" + i,
        String.format("user-%02d", user),
        BigDecimal.valueOf(cents, 2),
        Instant.ofEpochMilli(millis).toString());
  }

  /** Scrambles {@code i} into well-spread bits (the SplitMix64 finaliser). */
  private static long mix(long i) {
    long z = i * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
