package dev.runnel.nexmark.queries;

import java.io.Serializable;

/** A result of {@link Q11}: a bidder's bids in one session window {@code [start, end)}. */
public record Q11Result(long bidder, long count, long windowStart, long windowEnd)
    implements Serializable {
}
