package dev.runnel.connector.file;

import java.util.function.LongSupplier;

/**
 * A token bucket for a cooperative reader: it says how many records may be emitted now and never
 * waits. The reader may emit {@code recordsPerSecond / share} records per second. Permits accrue
 * from the first call on; unused ones are kept up to a tenth of a second's worth (at least one),
 * so a reader held up by backpressure catches up only by that much instead of bursting everything
 * it "saved". The bucket starts with one permit.
 *
 * <p>Counts in exact integers (credit units of {@code 1 / (1e9 * share)} permit, of which each
 * nanosecond adds {@code recordsPerSecond}), so no rounding drifts the rate. Not thread-safe.
 */
final class RateLimiter {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** How much unused budget is kept: a tenth of a second's worth of records. */
  private static final long BURST_NANOS = NANOS_PER_SECOND / 10;

  private final long creditPerNano;
  private final long creditPerPermit;
  private final long maxCredit;
  private final LongSupplier nanoClock;
  private long credit;
  private long lastNanos;
  private boolean started;

  /**
   * @param recordsPerSecond records per second of the whole source, greater than 0
   * @param share how many readers share that rate equally (the parallelism), at least 1
   * @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime}
   */
  RateLimiter(long recordsPerSecond, int share, LongSupplier nanoClock) {
    if (recordsPerSecond <= 0 || share < 1) {
      throw new IllegalArgumentException(
          "invalid rate " + recordsPerSecond + " shared by " + share);
    }
    this.creditPerNano = recordsPerSecond;
    this.creditPerPermit = NANOS_PER_SECOND * share;
    long burst = recordsPerSecond > Long.MAX_VALUE / 4 / BURST_NANOS
        ? Long.MAX_VALUE / 4
        : recordsPerSecond * BURST_NANOS;
    this.maxCredit = Math.max(creditPerPermit, burst);
    this.nanoClock = nanoClock;
  }

  /** How many records may be emitted now; 0 when the budget is spent. */
  long available() {
    long now = nanoClock.getAsLong();
    if (!started) {
      started = true;
      credit = creditPerPermit;
      lastNanos = now;
    } else if (now - lastNanos > 0) {
      // Past the time that fills the bucket, more time adds nothing; capping it avoids overflow.
      long elapsed = Math.min(now - lastNanos, (maxCredit - credit) / creditPerNano + 1);
      credit = Math.min(maxCredit, credit + elapsed * creditPerNano);
      lastNanos = now;
    }
    return credit / creditPerPermit;
  }

  /** Spends {@code n} permits, at most what {@link #available()} last said. */
  void consume(long n) {
    credit -= n * creditPerPermit;
  }
}
