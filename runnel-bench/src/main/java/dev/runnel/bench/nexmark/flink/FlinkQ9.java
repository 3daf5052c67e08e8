package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Auction;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.queries.Q9Result;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * q9 on Flink: the winning bid of every auction that has one, emitted when the auction expires
 * (an event-time timer at {@code expires}, so the result's timestamp is the expiry).
 *
 * <p>A bid counts for its auction if {@code auction.dateTime <= bid.dateTime < auction.expires}
 * and {@code bid.price >= auction.reserve}; the winner is the highest price, then the earliest
 * bid, then the lowest bidder id, then the smallest channel, url and extra strings. Keyed by
 * auction id; bids that come before their auction wait for it until the watermark passes them.
 */
public final class FlinkQ9 {
  private FlinkQ9() {}

  public static DataStream<Q9Result> build(DataStream<Event> events) {
    return FlinkStreams.auctions(events).keyBy(Auction::id)
        .connect(FlinkStreams.bids(events).keyBy(Bid::auction))
        .process(new Winner())
        .returns(Q9Result.class)
        .name("q9 winning bids");
  }

  /** True if bid {@code a} beats bid {@code b}. */
  static boolean beats(Bid a, Bid b) {
    if (a.price() != b.price()) {
      return a.price() > b.price();
    }
    if (a.dateTime() != b.dateTime()) {
      return a.dateTime() < b.dateTime();
    }
    if (a.bidder() != b.bidder()) {
      return a.bidder() < b.bidder();
    }
    int c = a.channel().compareTo(b.channel());
    if (c != 0) {
      return c < 0;
    }
    c = a.url().compareTo(b.url());
    if (c != 0) {
      return c < 0;
    }
    return a.extra().compareTo(b.extra()) < 0;
  }

  static boolean counts(Auction auction, Bid bid) {
    return bid.dateTime() >= auction.dateTime() && bid.dateTime() < auction.expires()
        && bid.price() >= auction.reserve();
  }

  private static final class Winner extends KeyedCoProcessFunction<Long, Auction, Bid, Q9Result> {
    private transient ValueState<Auction> auction;
    private transient ValueState<Bid> leader;
    private transient ListState<Bid> beforeAuction;

    @Override
    public void open(OpenContext openContext) {
      auction = getRuntimeContext().getState(new ValueStateDescriptor<>("auction", Auction.class));
      leader = getRuntimeContext().getState(new ValueStateDescriptor<>("leader", Bid.class));
      beforeAuction = getRuntimeContext().getListState(
          new ListStateDescriptor<>("bids-before-auction", Bid.class));
    }

    @Override
    public void processElement1(Auction a, Context ctx, Collector<Q9Result> out)
        throws Exception {
      auction.update(a);
      Bid best = null;
      Iterable<Bid> early = beforeAuction.get();
      if (early != null) {
        for (Bid bid : early) {
          if (counts(a, bid) && (best == null || beats(bid, best))) {
            best = bid;
          }
        }
      }
      beforeAuction.clear();
      if (best != null) {
        leader.update(best);
      }
      ctx.timerService().registerEventTimeTimer(a.expires());
    }

    @Override
    public void processElement2(Bid bid, Context ctx, Collector<Q9Result> out) throws Exception {
      Auction a = auction.value();
      if (a == null) {
        // Its auction has not come yet (or has closed, and the bid cannot count any more): keep it
        // until the watermark passes it, after which its auction can no longer start before it.
        beforeAuction.add(bid);
        ctx.timerService().registerEventTimeTimer(bid.dateTime());
      } else if (counts(a, bid)) {
        Bid best = leader.value();
        if (best == null || beats(bid, best)) {
          leader.update(bid);
        }
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Q9Result> out)
        throws Exception {
      Auction a = auction.value();
      if (a != null) {
        if (timestamp >= a.expires()) {
          Bid best = leader.value();
          if (best != null) {
            out.collect(new Q9Result(a, best));
          }
          auction.clear();
          leader.clear();
        }
        return;
      }
      Iterable<Bid> early = beforeAuction.get();
      if (early == null) {
        return;
      }
      List<Bid> still = new ArrayList<>();
      for (Bid bid : early) {
        if (bid.dateTime() > timestamp) {
          still.add(bid);
        }
      }
      beforeAuction.update(still);
    }
  }
}
