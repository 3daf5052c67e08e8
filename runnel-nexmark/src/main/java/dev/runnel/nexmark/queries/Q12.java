package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.functions.TimeDomain;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import java.time.Duration;

/**
 * q12, processing-time windows: the number of bids of each bidder per tumbling window of {@link
 * #SIZE} of processing time (the wall clock when the bid is processed), as {@link
 * Q12Result}{@code (bidder, count, windowStart, windowEnd)}. Not deterministic: the result depends
 * on how fast the job runs. Only the total count over all results is fixed: the number of bids.
 *
 * <p>A window is emitted by a processing-time timer at its end or, for the windows still open when
 * a bounded input ends, by an event-time timer at the end of time (the final watermark), so no bid
 * is lost.
 */
public final class Q12 {
  public static final Duration SIZE = Duration.ofSeconds(10);
  private static final long SIZE_MS = SIZE.toMillis();

  private Q12() {}

  public static DataStream<Q12Result> build(DataStream<Event> events) {
    return Streams.bids(events)
        .keyBy(Bid::bidder)
        .process(new CountPerWindow())
        .name("Q12 processing-time windows");
  }

  private static final class CountPerWindow extends KeyedProcessFunction<Long, Bid, Q12Result> {
    /** [window start, count] of the open window. */
    private transient ValueState<long[]> open;

    @Override
    public void open(RuntimeContext context) {
      open = context.getState(new ValueStateDescriptor<>("open-window", long[].class));
    }

    @Override
    public void processElement(Bid bid, Context<Long> ctx, Collector<Q12Result> out)
        throws Exception {
      long now = ctx.timerService().currentProcessingTime();
      long start = TimeWindow.windowStart(now, 0, SIZE_MS);
      long[] window = open.value();
      if (window != null && window[0] != start) {
        emit(ctx.getCurrentKey(), window, out);
        window = null;
      }
      if (window == null) {
        window = new long[] {start, 0};
        ctx.timerService().registerProcessingTimeTimer(start + SIZE_MS - 1);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      window[1]++;
      open.update(window);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Long> ctx, Collector<Q12Result> out)
        throws Exception {
      long[] window = open.value();
      if (window == null) {
        return;
      }
      if (ctx.timeDomain() == TimeDomain.EVENT_TIME || timestamp >= window[0] + SIZE_MS - 1) {
        emit(ctx.getCurrentKey(), window, out);
        open.clear();
      }
    }

    private static void emit(long bidder, long[] window, Collector<Q12Result> out) {
      out.collect(new Q12Result(bidder, window[1], window[0], window[0] + SIZE_MS));
    }
  }
}
