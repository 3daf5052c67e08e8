package dev.runnel.nexmark.model;

import java.io.Serializable;

/**
 * One NEXMark event: exactly one of {@code person}, {@code auction} and {@code bid} is non-null.
 * Build one with {@link #of(Person)}, {@link #of(Auction)} or {@link #of(Bid)}.
 */
public record Event(Person person, Auction auction, Bid bid) implements Serializable {

  /** The kind of an event. */
  public enum Type { PERSON, AUCTION, BID }

  public Event {
    int set = (person != null ? 1 : 0) + (auction != null ? 1 : 0) + (bid != null ? 1 : 0);
    if (set != 1) {
      throw new IllegalArgumentException("an event holds exactly one of person, auction and bid");
    }
  }

  public static Event of(Person person) {
    return new Event(person, null, null);
  }

  public static Event of(Auction auction) {
    return new Event(null, auction, null);
  }

  public static Event of(Bid bid) {
    return new Event(null, null, bid);
  }

  public Type type() {
    return person != null ? Type.PERSON : auction != null ? Type.AUCTION : Type.BID;
  }

  public boolean isPerson() {
    return person != null;
  }

  public boolean isAuction() {
    return auction != null;
  }

  public boolean isBid() {
    return bid != null;
  }

  /** The event time of the person, auction or bid, in epoch milliseconds. */
  public long dateTime() {
    return person != null ? person.dateTime() : auction != null ? auction.dateTime()
        : bid.dateTime();
  }
}
