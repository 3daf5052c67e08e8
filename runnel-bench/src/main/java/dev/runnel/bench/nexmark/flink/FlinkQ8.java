package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;
import dev.runnel.nexmark.queries.Q8Result;
import java.time.Duration;
import org.apache.flink.api.common.functions.CoGroupFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;

/**
 * q8 on Flink, new users: every person who opened an auction in the same 10 s tumbling window as
 * they registered in, once, as (id, name, window start). A window co-group of persons and auctions
 * on {@code id = seller}: a person is emitted if their group in the window has any auction.
 */
public final class FlinkQ8 {
  static final long SIZE_MS = 10_000;

  private FlinkQ8() {}

  public static DataStream<Q8Result> build(DataStream<Event> events) {
    return FlinkStreams.persons(events)
        .coGroup(FlinkStreams.auctions(events))
        .where(Person::id)
        .equalTo(Auction::seller)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(SIZE_MS)))
        .apply(new CoGroupFunction<Person, Auction, Q8Result>() {
          @Override
          public void coGroup(Iterable<Person> persons, Iterable<Auction> auctions,
              Collector<Q8Result> out) {
            if (!auctions.iterator().hasNext()) {
              return;
            }
            for (Person p : persons) {
              long start = p.dateTime() - Math.floorMod(p.dateTime(), SIZE_MS);
              out.collect(new Q8Result(p.id(), p.name(), start));
            }
          }
        })
        .returns(Q8Result.class)
        .name("q8 new sellers");
  }
}
