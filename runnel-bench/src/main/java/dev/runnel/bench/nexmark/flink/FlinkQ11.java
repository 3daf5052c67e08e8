package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.queries.Q11Result;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * q11 on Flink, user sessions: the bids of each bidder per event-time session with a 10 s gap, as
 * (bidder, bids, session start, session end); a session is {@code [first bid, last bid + 10 s)}.
 */
public final class FlinkQ11 {
  private FlinkQ11() {}

  public static DataStream<Q11Result> build(DataStream<Event> events) {
    return FlinkStreams.bids(events)
        .keyBy(Bid::bidder)
        .window(EventTimeSessionWindows.withGap(Duration.ofSeconds(10)))
        .aggregate(new AggregateFunction<Bid, Long, Long>() {
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
        }, new ProcessWindowFunction<Long, Q11Result, Long, TimeWindow>() {
          @Override
          public void process(Long bidder, Context ctx, Iterable<Long> counts,
              Collector<Q11Result> out) {
            for (Long count : counts) {
              out.collect(new Q11Result(bidder, count, ctx.window().getStart(),
                  ctx.window().getEnd()));
            }
          }
        })
        .returns(Q11Result.class)
        .name("q11 sessions");
  }
}
