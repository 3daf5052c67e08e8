package dev.runnel.bench.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import dev.runnel.bench.kafka.BenchRecords.Order;

/**
 * The input of the Kafka benchmark and its answer, computed here with plain loops so that both
 * engines are checked against something neither of them computed.
 *
 * <p>Order {@code i} belongs to customer {@code c<random>} and is {@code amount} cents; its event
 * time is {@code BASE + i * 10 ms}, so every partition's time advances and one-minute windows
 * close as the input goes on. The Kafka record's timestamp is the event time (both engines take
 * event time from it) and its key is the customer.
 */
final class BenchOrders {
  static final long BASE = 1_700_000_000_000L;
  static final long STEP_MS = 10;
  static final long WINDOW_MS = Duration.ofMinutes(1).toMillis();

  private final int keys;
  private final long seed;

  BenchOrders(int keys, long seed) {
    this.keys = keys;
    this.seed = seed;
  }


  /** A cursor over the orders in input order. */
  final class Cursor {
    private final SplittableRandom random = new SplittableRandom(seed);
    private long index;

    Order next() {
      String customer = "c" + random.nextInt(keys);
      long amount = 1 + random.nextInt(20_000);
      return new Order(customer, amount, BASE + (index++) * STEP_MS);
    }
  }

  Cursor cursor() {
    return new Cursor();
  }

  /**
   * What a correct run writes for the first {@code events} orders: for every customer, the
   * running totals in input order (a fingerprint of the sequence: count and a rolling hash), and
   * the one-minute counts per customer and window.
   */
  Expected expected(long events) {
    Map<String, long[]> totals = new HashMap<>();
    Map<String, SequenceFingerprint> sequences = new HashMap<>();
    Map<WindowKey, Long> counts = new HashMap<>();
    Cursor cursor = cursor();
    for (long i = 0; i < events; i++) {
      Order o = cursor.next();
      long[] t = totals.computeIfAbsent(o.customerId(), k -> new long[1]);
      t[0] += o.amount();
      sequences.computeIfAbsent(o.customerId(), k -> new SequenceFingerprint()).add(t[0]);
      long start = o.timestamp() - Math.floorMod(o.timestamp(), WINDOW_MS);
      counts.merge(new WindowKey(o.customerId(), start), 1L, Long::sum);
    }
    return new Expected(sequences, counts, BASE + (events - 1) * STEP_MS);
  }

  record WindowKey(String customer, long windowStart) {}

  /** The answer of {@link #expected}; {@code lastTimestamp} is the newest event time. */
  record Expected(
      Map<String, SequenceFingerprint> totals, Map<WindowKey, Long> counts, long lastTimestamp) {}
}
