package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * q8, monitor new users: every person who opened at least one auction (as seller) in the same
 * tumbling event-time window of {@link #SIZE} as the one they registered in, once, as {@link
 * Q8Result}{@code (person id, name, windowStart)}. Windows are {@code [k*10s, (k+1)*10s)}.
 *
 * <p>A windowed join of persons and auctions on {@code id = seller}, done on keyed state: a person
 * waits for a matching auction, and auctions arriving before their seller wait (as their window
 * start) for the person, until the watermark passes the end of their window.
 */
public final class Q8 {
  public static final Duration SIZE = Duration.ofSeconds(10);
  private static final long SIZE_MS = SIZE.toMillis();

  private Q8() {}

  public static long windowStart(long time) {
    return TimeWindow.windowStart(time, 0, SIZE_MS);
  }

  public static DataStream<Q8Result> build(DataStream<Event> events) {
    return Streams.persons(events).connect(Streams.auctions(events))
        .keyBy(Person::id, Auction::seller)
        .process(new Join())
        .name("Q8 new sellers");
  }

  private static final class Join extends KeyedCoProcessFunction<Long, Person, Auction, Q8Result> {
    /** The person, until they matched or their window ended. */
    private transient ValueState<Person> person;
    /** Window starts of auctions that arrived before their seller. */
    private transient MapState<Long, Boolean> auctionWindows;

    @Override
    public void open(RuntimeContext context) {
      person = context.getState(new ValueStateDescriptor<>("person", Person.class));
      auctionWindows = context.getMapState(
          new MapStateDescriptor<>("auction-windows", Long.class, Boolean.class));
    }

    @Override
    public void processElement1(Person p, Context<Long> ctx, Collector<Q8Result> out)
        throws Exception {
      long window = windowStart(p.dateTime());
      if (auctionWindows.contains(window)) {
        out.collect(new Q8Result(p.id(), p.name(), window));
      } else {
        person.update(p);
        ctx.timerService().registerEventTimeTimer(window + SIZE_MS - 1);
      }
    }

    @Override
    public void processElement2(Auction a, Context<Long> ctx, Collector<Q8Result> out)
        throws Exception {
      long window = windowStart(a.dateTime());
      Person p = person.value();
      if (p != null) {
        if (windowStart(p.dateTime()) == window) {
          out.collect(new Q8Result(p.id(), p.name(), window));
          person.clear();
        }
        return;
      }
      if (!auctionWindows.contains(window)) {
        auctionWindows.put(window, Boolean.TRUE);
        ctx.timerService().registerEventTimeTimer(window + SIZE_MS - 1);
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Long> ctx, Collector<Q8Result> out)
        throws Exception {
      Person p = person.value();
      if (p != null && windowStart(p.dateTime()) + SIZE_MS - 1 <= timestamp) {
        person.clear();
      }
      List<Long> ended = new ArrayList<>();
      for (Long window : auctionWindows.keys()) {
        if (window + SIZE_MS - 1 <= timestamp) {
          ended.add(window);
        }
      }
      for (Long window : ended) {
        auctionWindows.remove(window);
      }
    }
  }
}
