package dev.runnel.nexmark.queries;

import java.io.Serializable;

/**
 * A result of {@link Q4}: the average winning price of the auctions of {@code category} that
 * closed at or before {@code closedBy}.
 *
 * @param category the category
 * @param closedBy event time (an auction expiry) up to which closed auctions are counted
 * @param auctions number of auctions with a winner counted
 * @param averagePrice {@code (double) sumOfWinningPrices / auctions}
 */
public record Q4Result(long category, long closedBy, long auctions, double averagePrice)
    implements Serializable {
}
