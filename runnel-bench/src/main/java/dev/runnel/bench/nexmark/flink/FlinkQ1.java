package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import org.apache.flink.streaming.api.datastream.DataStream;

/** q1 on Flink: every bid with its price in euros, {@code (long) (price * 0.908)}. */
public final class FlinkQ1 {
  private FlinkQ1() {}

  public static DataStream<Bid> build(DataStream<Event> events) {
    return FlinkStreams.bids(events)
        .map(b -> new Bid(b.auction(), b.bidder(), (long) (b.price() * 0.908), b.channel(),
            b.url(), b.dateTime(), b.extra()))
        .returns(Bid.class)
        .name("q1 euros");
  }
}
