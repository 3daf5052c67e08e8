package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.queries.Q7Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * q7 on Flink, highest bid: for every 10 s tumbling window, the bids with its highest price (all
 * of them when tied), as (window end, bid).
 *
 * <p>First the highest bids of each window per bidder group ({@code bidder % 32}, spread over the
 * subtasks), then, keyed by window end, the highest of those in a second 10 s tumbling window (the
 * first window's results carry the timestamp {@code end - 1}, inside the same window).
 */
public final class FlinkQ7 {
  static final int GROUPS = 32;

  private FlinkQ7() {}

  /** The highest price seen and the bids at that price. */
  public static final class TopBids {
    public long price = Long.MIN_VALUE;
    public List<Bid> bids = new ArrayList<>();

    void offer(Bid bid) {
      if (bid.price() > price) {
        price = bid.price();
        bids = new ArrayList<>();
      }
      if (bid.price() == price) {
        bids.add(bid);
      }
    }
  }

  public static DataStream<Q7Result> build(DataStream<Event> events) {
    return FlinkStreams.bids(events)
        .keyBy(b -> (int) (b.bidder() % GROUPS))
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
        .aggregate(new Highest(), new ProcessWindowFunction<TopBids, Q7Result, Integer,
            TimeWindow>() {
          @Override
          public void process(Integer group, Context ctx, Iterable<TopBids> tops,
              Collector<Q7Result> out) {
            for (TopBids top : tops) {
              for (Bid bid : top.bids) {
                out.collect(new Q7Result(ctx.window().getEnd(), bid));
              }
            }
          }
        })
        .name("q7 highest bids per group")
        .keyBy(Q7Result::windowEnd)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
        .process(new ProcessWindowFunction<Q7Result, Q7Result, Long, TimeWindow>() {
          @Override
          public void process(Long windowEnd, Context ctx, Iterable<Q7Result> candidates,
              Collector<Q7Result> out) {
            TopBids top = new TopBids();
            for (Q7Result c : candidates) {
              top.offer(c.bid());
            }
            for (Bid bid : top.bids) {
              out.collect(new Q7Result(windowEnd, bid));
            }
          }
        })
        .returns(Q7Result.class)
        .name("q7 highest bids");
  }

  private static final class Highest implements AggregateFunction<Bid, TopBids, TopBids> {
    @Override
    public TopBids createAccumulator() {
      return new TopBids();
    }

    @Override
    public TopBids add(Bid bid, TopBids top) {
      top.offer(bid);
      return top;
    }

    @Override
    public TopBids getResult(TopBids top) {
      return top;
    }

    @Override
    public TopBids merge(TopBids a, TopBids b) {
      for (Bid bid : b.bids) {
        a.offer(bid);
      }
      return a;
    }
  }
}
