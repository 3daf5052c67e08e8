package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.queries.Q5Result;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * q5 on Flink, hot items: for every sliding window of 10 s every 2 s, the auctions with the most
 * bids (all of them when tied), as (window end, auction, bids).
 *
 * <p>Bids are counted per auction in sliding windows; each count leaves its window with the
 * timestamp {@code end - 1}, so keyed by window end, a 2 s tumbling window (which is {@code [end -
 * 2 s, end)}) gathers all the counts of one sliding window and keeps the largest.
 */
public final class FlinkQ5 {
  private FlinkQ5() {}

  /** The bids on one auction in the sliding window ending at {@code windowEnd}. */
  public record AuctionBids(long auction, long windowEnd, long bids) implements Serializable {}

  public static DataStream<Q5Result> build(DataStream<Event> events) {
    return FlinkStreams.bids(events)
        .keyBy(Bid::auction)
        .window(SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(2)))
        .aggregate(new CountBids(),
            new ProcessWindowFunction<Long, AuctionBids, Long, TimeWindow>() {
              @Override
              public void process(Long auction, Context ctx, Iterable<Long> counts,
                  Collector<AuctionBids> out) {
                long end = ctx.window().getEnd();
                for (Long count : counts) {
                  out.collect(new AuctionBids(auction, end, count));
                }
              }
            })
        .name("q5 bids per auction and window")
        .keyBy(AuctionBids::windowEnd)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(2)))
        .process(new ProcessWindowFunction<AuctionBids, Q5Result, Long, TimeWindow>() {
          @Override
          public void process(Long windowEnd, Context ctx, Iterable<AuctionBids> counts,
              Collector<Q5Result> out) {
            long most = -1;
            List<Long> hottest = new ArrayList<>();
            for (AuctionBids c : counts) {
              if (c.bids() > most) {
                most = c.bids();
                hottest.clear();
              }
              if (c.bids() == most) {
                hottest.add(c.auction());
              }
            }
            for (long auction : hottest) {
              out.collect(new Q5Result(windowEnd, auction, most));
            }
          }
        })
        .returns(Q5Result.class)
        .name("q5 hottest auctions");
  }

  private static final class CountBids implements AggregateFunction<Bid, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Bid bid, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }
}
