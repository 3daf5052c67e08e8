package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/** The bids, auctions and persons of a Flink event stream (one chained flat map each). */
final class FlinkStreams {
  private FlinkStreams() {}

  static DataStream<Bid> bids(DataStream<Event> events) {
    return events.flatMap((FlatMapFunction<Event, Bid>) (e, out) -> {
      if (e.bid() != null) {
        out.collect(e.bid());
      }
    }).returns(Bid.class).name("bids");
  }

  static DataStream<Auction> auctions(DataStream<Event> events) {
    return events.flatMap((Event e, Collector<Auction> out) -> {
      if (e.auction() != null) {
        out.collect(e.auction());
      }
    }).returns(Auction.class).name("auctions");
  }

  static DataStream<Person> persons(DataStream<Event> events) {
    return events.flatMap((Event e, Collector<Person> out) -> {
      if (e.person() != null) {
        out.collect(e.person());
      }
    }).returns(Person.class).name("persons");
  }
}
