package dev.runnel.nexmark.queries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.nexmark.generator.NexmarkSource;
import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.model.Person;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Hand-made events at the boundaries the random sequences rarely hit. */
class EdgeCasesTest {
  private static final long T = 1_704_067_200_000L;

  private static <R> List<R> run(List<Event> input, Function<DataStream<Event>, DataStream<R>> q) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    DataStream<Event> events = env.fromCollection(input)
        .assignTimestampsAndWatermarks(NexmarkSource.watermarks());
    return q.apply(events).executeAndCollect();
  }

  private static Event bid(long auction, long bidder, long price, long time) {
    return Event.of(new Bid(auction, bidder, price, "c", "u", time, ""));
  }

  private static Auction auction(long id, long reserve, long start, long expires) {
    return new Auction(id, "item", "d", 1, reserve, start, expires, 1000, 10, "");
  }

  @Test
  void q9BidsCountFromTheAuctionsStartUpToButExcludingItsExpiryAndAtOrAboveItsReserve() {
    Auction a = auction(1000, 100, T + 1000, T + 2000);
    List<Event> input = new ArrayList<>();
    input.add(bid(1000, 1, 900, T + 999)); // before the auction: arrives first, waits, invalid
    input.add(Event.of(a));
    input.add(bid(1000, 2, 150, T + 1000)); // valid
    input.add(bid(1000, 3, 99, T + 1500)); // below the reserve
    input.add(bid(1000, 4, 200, T + 1999)); // valid, highest valid
    input.add(bid(1000, 5, 200, T + 1998)); // same price, earlier: wins the tie
    input.add(bid(1000, 6, 900, T + 2000)); // at expiry: too late
    input.add(bid(1000, 7, 1000, T + 30_000)); // long after
    List<Q9Result> out = run(input, Q9::build);
    assertThat(out).containsExactly(new Q9Result(a, input.get(5).bid()));

    Auction unsold = auction(1001, 10_000, T + 1000, T + 2000);
    assertThat(run(List.of(Event.of(unsold), bid(1001, 1, 9_999, T + 1500)), Q9::build))
        .isEmpty();
  }

  @Test
  void q9WinnerOrderBreaksTiesOnEachFieldInTurn() {
    List<Bid> best = List.of(
        new Bid(1, 9, 500, "z", "z", T + 9, "z"), // highest price
        new Bid(1, 9, 400, "z", "z", T + 1, "z"), // then earliest
        new Bid(1, 2, 400, "z", "z", T + 2, "z"),
        new Bid(1, 1, 400, "z", "z", T + 2, "z"), // then lowest bidder
        new Bid(1, 3, 400, "a", "z", T + 2, "z"), // then channel, url, extra
        new Bid(1, 3, 400, "b", "a", T + 2, "z"),
        new Bid(1, 3, 400, "b", "b", T + 2, "a"),
        new Bid(1, 3, 400, "b", "b", T + 2, "b"));
    List<Bid> sorted = new ArrayList<>(best);
    Collections.reverse(sorted);
    sorted.sort(Q9.WINNER_ORDER);
    assertThat(sorted.subList(0, 2)).containsExactlyElementsOf(best.subList(0, 2));
    assertThat(sorted.subList(2, 4)).containsExactly(best.get(3), best.get(2));
    assertThat(sorted.subList(4, 8)).containsExactlyElementsOf(best.subList(4, 8));
    for (Bid b : best) {
      assertThat(Q9.WINNER_ORDER.compare(b, b)).isZero();
    }
  }

  @Test
  void q11SessionsMergeWhenBidsAreAtMostTheGapApart() {
    // In event-time order up to the out-of-orderness bound: over a bounded input the watermark
    // follows every record, so a bid 20 s behind the newest would be late.
    List<Event> input = List.of(bid(1000, 1, 1, T), bid(1000, 1, 1, T + 10_000),
        bid(1000, 2, 1, T + 5), bid(1000, 1, 1, T + 20_001));
    assertThat(run(input, Q11::build)).containsExactlyInAnyOrder(
        new Q11Result(1, 2, T, T + 20_000),
        new Q11Result(1, 1, T + 20_001, T + 30_001),
        new Q11Result(2, 1, T + 5, T + 10_005));
  }

  @Test
  void q5AndQ7EmitEveryTiedWinner() {
    List<Event> input = List.of(bid(1000, 1, 7, T + 1), bid(1001, 1, 7, T + 2),
        bid(1002, 1, 3, T + 3), bid(1001, 1, 5, T + 10_000));
    // windows ending at T+2s … T+10s hold the first three bids: three auctions tie with one each;
    // windows ending at T+12s … T+20s hold only the last
    List<Q5Result> q5 = run(input, Q5::build);
    assertThat(q5).contains(new Q5Result(T + 2000, 1000, 1), new Q5Result(T + 2000, 1001, 1),
        new Q5Result(T + 2000, 1002, 1),
        new Q5Result(T + 10_000, 1000, 1), new Q5Result(T + 10_000, 1001, 1),
        new Q5Result(T + 12_000, 1001, 1), new Q5Result(T + 20_000, 1001, 1));
    assertThat(q5).hasSize(3 * 5 + 5);
    assertThat(run(input, Q7::build)).containsExactlyInAnyOrder(
        new Q7Result(T + 10_000, input.get(0).bid()), new Q7Result(T + 10_000, input.get(1).bid()),
        new Q7Result(T + 20_000, input.get(3).bid()));
  }

  @Test
  void q8NeedsTheAuctionInTheSameTumblingWindowAndEmitsOnce() {
    Person early = new Person(1000, "A B", "e", "c", "x", "OR", T + 9_000, "");
    Person late = new Person(1001, "C D", "e", "c", "x", "OR", T + 9_999, "");
    List<Event> input = List.of(Event.of(early), Event.of(late),
        Event.of(new Auction(1, "i", "d", 1, 2, T + 9_500, T + 9_600, 1000, 10, "")),
        Event.of(new Auction(2, "i", "d", 1, 2, T + 9_600, T + 9_700, 1000, 10, "")),
        Event.of(new Auction(3, "i", "d", 1, 2, T + 10_000, T + 10_100, 1001, 10, "")));
    assertThat(run(input, Q8::build)).containsExactly(new Q8Result(1000, "A B", T));
  }
}
