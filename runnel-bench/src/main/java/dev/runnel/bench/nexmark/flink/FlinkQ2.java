package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.queries.Q2Result;
import org.apache.flink.streaming.api.datastream.DataStream;

/** q2 on Flink: (auction, price) of the bids on auctions whose id is a multiple of 123. */
public final class FlinkQ2 {
  private FlinkQ2() {}

  public static DataStream<Q2Result> build(DataStream<Event> events) {
    return FlinkStreams.bids(events)
        .filter(b -> b.auction() % 123 == 0)
        .map(b -> new Q2Result(b.auction(), b.price()))
        .returns(Q2Result.class)
        .name("q2 selection");
  }
}
