package dev.runnel.api.eventtime;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.RejectedRecordException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which event times are believable: a record whose timestamp lies more than {@link #maxAhead()}
 * ahead of the processing-time clock, or before 1970-01-01 unless {@link #allowsBefore1970()}, is
 * a bad record. One absurd timestamp (year 99999, a value in microseconds read as milliseconds)
 * would otherwise push the watermark so far that every later valid record is late; checking at
 * the source turns it into a dead letter, or a failure that names it, instead.
 *
 * <pre>{@code
 * WatermarkStrategy.<Order>forBoundedOutOfOrderness(Duration.ofSeconds(30))
 *     .withTimestampAssigner((order, ts) -> order.timeMillis())
 *     .withTimestampBounds(TimestampBounds.maxAhead(Duration.ofDays(1)));
 * }</pre>
 *
 * <p>The clock is the subtask's processing-time clock, read for each record; so a job that replays
 * old data is never affected, and data from tomorrow is accepted until it is more than the bound
 * ahead.
 *
 * @param maxAhead how far ahead of the clock a timestamp may be; null for no upper bound
 * @param allowsBefore1970 whether timestamps before the epoch (negative milliseconds) are valid
 */
@Public
public record TimestampBounds(Duration maxAhead, boolean allowsBefore1970)
    implements Serializable {
  public TimestampBounds {
    if (maxAhead != null && maxAhead.isNegative()) {
      throw new IllegalArgumentException("timestamp bound must not be negative: " + maxAhead);
    }
  }

  /** At most {@code maxAhead} ahead of the clock, and not before 1970. */
  public static TimestampBounds maxAhead(Duration maxAhead) {
    return new TimestampBounds(Objects.requireNonNull(maxAhead, "maxAhead"), false);
  }

  /** No upper bound; not before 1970. */
  public static TimestampBounds notBefore1970() {
    return new TimestampBounds(null, false);
  }

  /** The same bounds, with timestamps before 1970 allowed. */
  public TimestampBounds allowingBefore1970() {
    return new TimestampBounds(maxAhead, true);
  }

  /**
   * Checks one record's timestamp against the bounds at processing time {@code now}.
   *
   * @throws RejectedRecordException saying in plain words why the timestamp is not believable
   */
  public void check(long timestamp, long now) {
    if (!allowsBefore1970 && timestamp < 0) {
      throw new RejectedRecordException(
          "event time " + format(timestamp) + " is before 1970-01-01T00:00:00Z");
    }
    if (maxAhead != null) {
      long bound = maxAhead.toMillis();
      if (timestamp > now && timestamp - now > bound) {
        throw new RejectedRecordException("event time " + format(timestamp) + " is more than "
            + describe(maxAhead) + " ahead of the clock (" + format(now) + ")");
      }
    }
  }

  private static String format(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  private static String describe(Duration d) {
    if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0
        && d.toSecondsPart() == 0 && d.toMillisPart() == 0) {
      return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
    }
    return d.toString().substring(2).toLowerCase();
  }
}
