package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;
import java.util.Set;

/**
 * q3, local item suggestion: for every auction of category 10 whose seller lives in OR, ID or CA,
 * one {@link Q3Result} (seller name, city, state, auction id). An unwindowed inner join of auctions
 * ({@code category == 10}) and persons ({@code state in (OR, ID, CA)}) on {@code seller = id}, done
 * incrementally on keyed state: a result is emitted when the second of the pair arrives, whatever
 * the order. Keeps every selected person, and the ids of selected auctions whose seller has not
 * arrived (forever, if the seller is not selected), as the SQL join does.
 */
public final class Q3 {
  public static final long CATEGORY = 10;
  public static final Set<String> STATES = Set.of("OR", "ID", "CA");

  private Q3() {}

  public static DataStream<Q3Result> build(DataStream<Event> events) {
    DataStream<Auction> auctions = Streams.auctions(events).filter(a -> a.category() == CATEGORY);
    DataStream<Person> persons = Streams.persons(events).filter(p -> STATES.contains(p.state()));
    return auctions.connect(persons)
        .keyBy(Auction::seller, Person::id)
        .process(new Join())
        .name("Q3 join");
  }

  private static final class Join extends KeyedCoProcessFunction<Long, Auction, Person, Q3Result> {
    private transient ValueState<Person> seller;
    private transient ListState<Long> waiting;

    @Override
    public void open(RuntimeContext context) {
      seller = context.getState(new ValueStateDescriptor<>("seller", Person.class));
      waiting = context.getListState(new ListStateDescriptor<>("waiting-auctions", Long.class));
    }

    @Override
    public void processElement1(Auction auction, Context<Long> ctx, Collector<Q3Result> out)
        throws Exception {
      Person person = seller.value();
      if (person != null) {
        out.collect(new Q3Result(person.name(), person.city(), person.state(), auction.id()));
      } else {
        waiting.add(auction.id());
      }
    }

    @Override
    public void processElement2(Person person, Context<Long> ctx, Collector<Q3Result> out)
        throws Exception {
      seller.update(person);
      for (Long auction : waiting.get()) {
        out.collect(new Q3Result(person.name(), person.city(), person.state(), auction));
      }
      waiting.clear();
    }
  }
}
