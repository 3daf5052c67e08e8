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
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * q9, winning bids: for every auction that has a winning bid, one {@link Q9Result} (the auction and
 * the bid), emitted when the auction closes.
 *
 * <p>A bid is <i>valid</i> for an auction if it is on that auction, {@code auction.dateTime <=
 * bid.dateTime < auction.expires} and {@code bid.price >= auction.reserve}. The winning bid is the
 * first valid bid in {@link #WINNER_ORDER}: highest price, then earliest {@code dateTime}, then
 * lowest bidder, then channel, url and extra in {@link String#compareTo} order (so ties are broken
 * the same way whatever the order bids arrive in). Auctions without a valid bid produce nothing.
 *
 * <p>The join is keyed by auction id. The auction's result is decided by an event-time timer at
 * {@code auction.expires}: since each source subtask's events are in time order and the watermark
 * trails them, every bid with {@code dateTime < expires} has arrived by then. Bids that arrive
 * before their auction wait in state until it does, or until the watermark passes their own time
 * (their auction then cannot open at or before them, or has already closed).
 */
public final class Q9 {
  /** Best first. */
  public static final Comparator<Bid> WINNER_ORDER = Q9::compareForWinning;

  /**
   * {@link #WINNER_ORDER} written out: it runs for every valid bid, and a chain of {@code
   * Comparator.comparing…().thenComparing…()} lambdas cost a sixth of a q4 run (as the Flink twin,
   * {@code FlinkQ9.beats}, is written).
   */
  private static int compareForWinning(Bid a, Bid b) {
    if (a.price() != b.price()) {
      return a.price() > b.price() ? -1 : 1;
    }
    if (a.dateTime() != b.dateTime()) {
      return a.dateTime() < b.dateTime() ? -1 : 1;
    }
    if (a.bidder() != b.bidder()) {
      return a.bidder() < b.bidder() ? -1 : 1;
    }
    int c = a.channel().compareTo(b.channel());
    if (c != 0) {
      return c;
    }
    c = a.url().compareTo(b.url());
    return c != 0 ? c : a.extra().compareTo(b.extra());
  }

  private Q9() {}

  /** True if {@code bid} may win {@code auction}. */
  public static boolean isValid(Auction auction, Bid bid) {
    return bid.auction() == auction.id() && bid.dateTime() >= auction.dateTime()
        && bid.dateTime() < auction.expires() && bid.price() >= auction.reserve();
  }

  public static DataStream<Q9Result> build(DataStream<Event> events) {
    return Streams.auctions(events).connect(Streams.bids(events))
        .keyBy(Auction::id, Bid::auction)
        .process(new Winner())
        .name("Q9 winning bids");
  }

  private static final class Winner extends KeyedCoProcessFunction<Long, Auction, Bid, Q9Result> {
    private transient ValueState<Auction> auction;
    private transient ValueState<Bid> best;
    private transient ListState<Bid> early;

    @Override
    public void open(RuntimeContext context) {
      auction = context.getState(new ValueStateDescriptor<>("auction", Auction.class));
      best = context.getState(new ValueStateDescriptor<>("best-bid", Bid.class));
      early = context.getListState(new ListStateDescriptor<>("early-bids", Bid.class));
    }

    @Override
    public void processElement1(Auction a, Context<Long> ctx, Collector<Q9Result> out)
        throws Exception {
      auction.update(a);
      Bid winner = null;
      for (Bid bid : early.get()) {
        if (isValid(a, bid) && (winner == null || WINNER_ORDER.compare(bid, winner) < 0)) {
          winner = bid;
        }
      }
      early.clear();
      if (winner != null) {
        best.update(winner);
      }
      ctx.timerService().registerEventTimeTimer(a.expires());
    }

    @Override
    public void processElement2(Bid bid, Context<Long> ctx, Collector<Q9Result> out)
        throws Exception {
      Auction a = auction.value();
      if (a == null) {
        early.add(bid);
        ctx.timerService().registerEventTimeTimer(bid.dateTime());
        return;
      }
      if (isValid(a, bid)) {
        Bid current = best.value();
        if (current == null || WINNER_ORDER.compare(bid, current) < 0) {
          best.update(bid);
        }
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Long> ctx, Collector<Q9Result> out)
        throws Exception {
      Auction a = auction.value();
      if (a != null) {
        if (timestamp >= a.expires()) {
          Bid winner = best.value();
          if (winner != null) {
            out.collect(new Q9Result(a, winner));
          }
          auction.clear();
          best.clear();
        }
        return;
      }
      // no auction: bids at or before the watermark can no longer meet an auction they are valid for
      List<Bid> keep = new ArrayList<>();
      for (Bid bid : early.get()) {
        if (bid.dateTime() > timestamp) {
          keep.add(bid);
        }
      }
      if (keep.isEmpty()) {
        early.clear();
      } else {
        early.update(keep);
      }
    }
  }
}
