package dev.runnel.nexmark.queries;

import java.io.Serializable;

/** A result of {@link Q5}: an auction with the most bids in the window ending at windowEnd. */
public record Q5Result(long windowEnd, long auction, long count) implements Serializable {
}
