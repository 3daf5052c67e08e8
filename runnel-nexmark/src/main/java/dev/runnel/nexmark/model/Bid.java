package dev.runnel.nexmark.model;

import java.io.Serializable;

/**
 * A bid on an auction.
 *
 * @param auction id of the {@link Auction} bid on
 * @param bidder id of the {@link Person} who bids
 * @param price offered price, in cents
 * @param channel the channel the bid came through ({@code "Google"}, {@code "channel-42"}, ...)
 * @param url the URL the bid was made on
 * @param dateTime when the bid was made, epoch milliseconds of event time
 * @param extra padding that brings the record to its configured average size
 */
public record Bid(long auction, long bidder, long price, String channel, String url,
    long dateTime, String extra) implements Serializable {
}
