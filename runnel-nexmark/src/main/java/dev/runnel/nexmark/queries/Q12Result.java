package dev.runnel.nexmark.queries;

import java.io.Serializable;

/** A result of {@link Q12}: a bidder's bids in one processing-time window {@code [start, end)}. */
public record Q12Result(long bidder, long count, long windowStart, long windowEnd)
    implements Serializable {
}
