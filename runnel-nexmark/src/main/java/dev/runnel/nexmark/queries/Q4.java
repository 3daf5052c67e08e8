package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.nexmark.model.Event;

/**
 * q4, average winning price per category, as running updates in event-time order.
 *
 * <p>Winning bids are those of {@link Q9}. For each category and each distinct expiry time {@code
 * t} of an auction of that category that has a winning bid, one {@link Q4Result}{@code (category,
 * t, n, avg)}: {@code n} is the number of auctions of the category with a winner that expire at or
 * before {@code t}, {@code avg} their winning prices' sum (a {@code long}) divided by {@code n} as
 * a double. The updates of a category are emitted in order of {@code t} (event-time timers), so
 * the set of results does not depend on how events interleave across parallel subtasks.
 */
public final class Q4 {
  private Q4() {}

  public static DataStream<Q4Result> build(DataStream<Event> events) {
    return fromWinners(Q9.build(events));
  }

  /** q4 over winners computed elsewhere (the output of {@link Q9#build}). */
  public static DataStream<Q4Result> fromWinners(DataStream<Q9Result> winners) {
    return winners
        .keyBy(w -> w.auction().category())
        .process(new Average())
        .name("Q4 average per category");
  }

  private static final class Average extends KeyedProcessFunction<Long, Q9Result, Q4Result> {
    /** Winning prices waiting for their closing time: expiry → [sum, count]. */
    private transient MapState<Long, long[]> pending;
    /** [sum, count] of all winners counted so far. */
    private transient ValueState<long[]> totals;

    @Override
    public void open(RuntimeContext context) {
      pending = context.getMapState(new MapStateDescriptor<>("pending", Long.class, long[].class));
      totals = context.getState(new ValueStateDescriptor<>("totals", long[].class));
    }

    @Override
    public void processElement(Q9Result winner, Context<Long> ctx, Collector<Q4Result> out)
        throws Exception {
      long closes = winner.auction().expires();
      long[] acc = pending.get(closes);
      if (acc == null) {
        acc = new long[2];
      }
      acc[0] += winner.bid().price();
      acc[1]++;
      pending.put(closes, acc);
      ctx.timerService().registerEventTimeTimer(closes);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Long> ctx, Collector<Q4Result> out)
        throws Exception {
      long[] acc = pending.get(timestamp);
      if (acc == null) {
        return;
      }
      pending.remove(timestamp);
      long[] total = totals.value();
      if (total == null) {
        total = new long[2];
      }
      total[0] += acc[0];
      total[1] += acc[1];
      totals.update(total);
      out.collect(new Q4Result(ctx.getCurrentKey(), timestamp, total[1],
          (double) total[0] / total[1]));
    }
  }
}
