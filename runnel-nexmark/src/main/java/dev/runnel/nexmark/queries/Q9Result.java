package dev.runnel.nexmark.queries;

import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Bid;
import java.io.Serializable;

/** A result of {@link Q9}: an auction and its winning bid. */
public record Q9Result(Auction auction, Bid bid) implements Serializable {
}
