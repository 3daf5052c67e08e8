package dev.runnel.nexmark.model;

import java.io.Serializable;

/**
 * An item put up for auction.
 *
 * @param id unique id, from {@code GeneratorConfig.firstAuctionId()} on
 * @param itemName name of the item
 * @param description description of the item
 * @param initialBid starting price, in cents
 * @param reserve lowest price the seller accepts, in cents (always above {@code initialBid})
 * @param dateTime when the auction opens, epoch milliseconds of event time
 * @param expires when the auction closes (exclusive), epoch milliseconds, after {@code dateTime}
 * @param seller id of the {@link Person} who sells the item
 * @param category category id, from {@code GeneratorConfig.firstCategoryId()} on
 * @param extra padding that brings the record to its configured average size
 */
public record Auction(long id, String itemName, String description, long initialBid,
    long reserve, long dateTime, long expires, long seller, long category, String extra)
    implements Serializable {
}
