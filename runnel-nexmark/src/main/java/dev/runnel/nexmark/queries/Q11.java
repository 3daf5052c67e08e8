package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import java.time.Duration;

/**
 * q11, user sessions: the number of bids of each bidder per event-time session window with a gap
 * of {@link #GAP}, as {@link Q11Result}{@code (bidder, count, windowStart, windowEnd)}. A bid at
 * {@code t} makes the window {@code [t, t + 10s)}; windows of a bidder that overlap or touch merge
 * (so consecutive bids less than or exactly 10 s apart are in one session); a session is {@code
 * [first bid time, last bid time + 10 s)}.
 */
public final class Q11 {
  public static final Duration GAP = Duration.ofSeconds(10);

  private Q11() {}

  public static DataStream<Q11Result> build(DataStream<Event> events) {
    return Streams.bids(events)
        .keyBy(Bid::bidder)
        .window(EventTimeSessionWindows.<Bid>withGap(GAP))
        .aggregate(new Q5.Count<>(), new ProcessWindowFunction<Long, Q11Result, Long, TimeWindow>() {
          @Override
          public void process(Long bidder, Context<TimeWindow> ctx, Iterable<Long> counts,
              Collector<Q11Result> out) {
            for (Long count : counts) {
              out.collect(new Q11Result(bidder, count, ctx.window().start(), ctx.window().end()));
            }
          }
        })
        .name("Q11 sessions");
  }
}
