package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;
import dev.runnel.nexmark.queries.Q3Result;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * q3 on Flink: (name, city, state, auction id) for every auction of category 10 whose seller
 * lives in OR, ID or CA. An unwindowed inner join keyed by person id: the seller, once seen, is
 * kept; auctions that come before their seller are kept until it comes.
 */
public final class FlinkQ3 {
  private FlinkQ3() {}

  public static DataStream<Q3Result> build(DataStream<Event> events) {
    DataStream<Auction> auctions =
        FlinkStreams.auctions(events).filter(a -> a.category() == 10).name("category 10");
    DataStream<Person> sellers = FlinkStreams.persons(events)
        .filter(p -> p.state().equals("OR") || p.state().equals("ID") || p.state().equals("CA"))
        .name("OR, ID, CA");
    return auctions.keyBy(Auction::seller)
        .connect(sellers.keyBy(Person::id))
        .process(new Join())
        .returns(Q3Result.class)
        .name("q3 join");
  }

  private static final class Join extends KeyedCoProcessFunction<Long, Auction, Person, Q3Result> {
    private transient ValueState<Person> person;
    private transient ListState<Long> auctionsWithoutSeller;

    @Override
    public void open(OpenContext openContext) {
      person = getRuntimeContext().getState(new ValueStateDescriptor<>("person", Person.class));
      auctionsWithoutSeller = getRuntimeContext().getListState(
          new ListStateDescriptor<>("auctions", Long.class));
    }

    @Override
    public void processElement1(Auction auction, Context ctx, Collector<Q3Result> out)
        throws Exception {
      Person p = person.value();
      if (p == null) {
        auctionsWithoutSeller.add(auction.id());
      } else {
        out.collect(new Q3Result(p.name(), p.city(), p.state(), auction.id()));
      }
    }

    @Override
    public void processElement2(Person p, Context ctx, Collector<Q3Result> out)
        throws Exception {
      person.update(p);
      Iterable<Long> waiting = auctionsWithoutSeller.get();
      if (waiting != null) {
        for (Long id : waiting) {
          out.collect(new Q3Result(p.name(), p.city(), p.state(), id));
        }
      }
      auctionsWithoutSeller.clear();
    }
  }
}
