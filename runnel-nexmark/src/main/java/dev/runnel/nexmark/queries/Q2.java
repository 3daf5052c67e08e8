package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.nexmark.model.Event;

/** q2, selection: the auction and price of every bid whose {@code auction % 123 == 0}. */
public final class Q2 {
  public static final long MODULUS = 123;

  private Q2() {}

  public static DataStream<Q2Result> build(DataStream<Event> events) {
    return Streams.bids(events)
        .filter(b -> b.auction() % MODULUS == 0)
        .map(b -> new Q2Result(b.auction(), b.price()))
        .name("Q2 selection");
  }
}
