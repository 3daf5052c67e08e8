package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.FlatMapFunction;
import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;

/** The persons, auctions and bids of an event stream, each in one flat map. */
public final class Streams {
  private Streams() {}

  public static DataStream<Bid> bids(DataStream<Event> events) {
    return events.flatMap(new FlatMapFunction<Event, Bid>() {
      @Override
      public void flatMap(Event event, Collector<Bid> out) {
        if (event.bid() != null) {
          out.collect(event.bid());
        }
      }
    }).name("Bids");
  }

  public static DataStream<Auction> auctions(DataStream<Event> events) {
    return events.flatMap(new FlatMapFunction<Event, Auction>() {
      @Override
      public void flatMap(Event event, Collector<Auction> out) {
        if (event.auction() != null) {
          out.collect(event.auction());
        }
      }
    }).name("Auctions");
  }

  public static DataStream<Person> persons(DataStream<Event> events) {
    return events.flatMap(new FlatMapFunction<Event, Person>() {
      @Override
      public void flatMap(Event event, Collector<Person> out) {
        if (event.person() != null) {
          out.collect(event.person());
        }
      }
    }).name("Persons");
  }
}
