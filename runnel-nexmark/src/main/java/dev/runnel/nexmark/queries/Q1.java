package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;

/**
 * q1, currency conversion: every bid, with its price converted from dollars to euros, {@link
 * #toEuros}: {@code (long) (price * 0.908)} (double multiplication, truncated towards zero); all
 * other fields unchanged.
 */
public final class Q1 {
  public static final double DOLLARS_TO_EUROS = 0.908;

  private Q1() {}

  public static long toEuros(long price) {
    return (long) (price * DOLLARS_TO_EUROS);
  }

  public static DataStream<Bid> build(DataStream<Event> events) {
    return Streams.bids(events)
        .map(b -> new Bid(b.auction(), b.bidder(), toEuros(b.price()), b.channel(), b.url(),
            b.dateTime(), b.extra()))
        .name("Q1 to euros");
  }
}
