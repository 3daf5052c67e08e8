package dev.runnel.nexmark.queries;

import dev.runnel.nexmark.model.Bid;
import java.io.Serializable;

/** A result of {@link Q7}: a bid with the highest price of the window ending at windowEnd. */
public record Q7Result(long windowEnd, Bid bid) implements Serializable {
}
