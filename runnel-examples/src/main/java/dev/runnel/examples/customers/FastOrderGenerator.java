package dev.runnel.examples.customers;

import dev.runnel.examples.orders.Order;
import dev.runnel.examples.orders.OrderGenerator;
import java.time.Instant;

/**
 * Made-up customer orders for the windowed demo, whose event time runs much faster than real
 * time: order {@code i} is at {@code 2026-01-01T00:00:00Z + i minutes} (plus up to 59 s inside its
 * minute, so timestamps strictly increase), and at 20 orders a second an hour-long window closes
 * every 3 seconds. A pure function of {@code i}: customer and total are those of {@link
 * OrderGenerator#order(long)} (its user is the customer), the category one of {@link
 * #CATEGORIES}.
 */
public final class FastOrderGenerator {
  /** Event time per generated order. */
  public static final long MILLIS_PER_ORDER = 60_000;

  /** The categories orders rotate through. */
  public static final String[] CATEGORIES = {"books", "games", "music", "garden"};

  private static final long START_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private FastOrderGenerator() {}

  /** Order number {@code i} (0 or more). */
  public static CustomerOrder order(long i) {
    Order base = OrderGenerator.order(i);
    // Keep the base order's position inside its own slot (its slot is 250 ms long).
    long jitter = (Instant.parse(base.timestamp()).toEpochMilli() - START_MILLIS) % 250 * 236;
    return CustomerOrder.of(base.orderId(), base.customerId(), base.amount(),
        CATEGORIES[(int) (i % CATEGORIES.length)], START_MILLIS + i * MILLIS_PER_ORDER + jitter);
  }
}
