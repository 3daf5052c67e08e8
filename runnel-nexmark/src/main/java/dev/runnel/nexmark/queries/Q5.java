package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.nexmark.model.Event;
import java.io.Serializable;
import java.time.Duration;

/**
 * q5, hot items: for each sliding event-time window of {@link #SIZE} every {@link #SLIDE}
 * (windows {@code [k*2s, k*2s + 10s)}) the auction(s) with the most bids in it, as {@link
 * Q5Result}{@code (windowEnd, auction, count)}; all auctions tied for the most bids are emitted.
 * Windows without bids produce nothing.
 *
 * <p>Counts bids per auction and window, then, keyed by window end, keeps the maximum and fires
 * an event-time timer at the window's last millisecond: by then every count of the window has
 * arrived from every upstream subtask.
 */
public final class Q5 {
  public static final Duration SIZE = Duration.ofSeconds(10);
  public static final Duration SLIDE = Duration.ofSeconds(2);

  private Q5() {}

  /** Bids of one auction in one window. */
  public record AuctionCount(long auction, long count, long windowEnd) implements Serializable {
  }

  public static DataStream<Q5Result> build(DataStream<Event> events) {
    return Streams.bids(events)
        .keyBy(b -> b.auction())
        .window(SlidingEventTimeWindows.of(SIZE, SLIDE))
        .aggregate(new Count<>(), new ProcessWindowFunction<Long, AuctionCount, Long, TimeWindow>() {
          @Override
          public void process(Long auction, Context<TimeWindow> ctx, Iterable<Long> counts,
              Collector<AuctionCount> out) {
            for (Long count : counts) {
              out.collect(new AuctionCount(auction, count, ctx.window().end()));
            }
          }
        })
        .name("Q5 bids per auction")
        .keyBy(AuctionCount::windowEnd)
        .process(new Hottest())
        .name("Q5 hottest auctions");
  }

  /** Counts elements; the accumulator is a mutable one-element array. */
  static final class Count<T> implements AggregateFunction<T, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] add(T value, long[] acc) {
      acc[0]++;
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      a[0] += b[0];
      return a;
    }
  }

  private static final class Hottest extends KeyedProcessFunction<Long, AuctionCount, Q5Result> {
    private transient ValueState<Long> max;
    private transient ListState<Long> auctions;

    @Override
    public void open(RuntimeContext context) {
      max = context.getState(new ValueStateDescriptor<>("max-count", Long.class));
      auctions = context.getListState(new ListStateDescriptor<>("hottest", Long.class));
    }

    @Override
    public void processElement(AuctionCount c, Context<Long> ctx, Collector<Q5Result> out)
        throws Exception {
      Long current = max.value();
      if (current == null || c.count() > current) {
        max.update(c.count());
        auctions.clear();
        auctions.add(c.auction());
        ctx.timerService().registerEventTimeTimer(c.windowEnd() - 1);
      } else if (c.count() == current) {
        auctions.add(c.auction());
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Long> ctx, Collector<Q5Result> out)
        throws Exception {
      long count = max.value();
      for (Long auction : auctions.get()) {
        out.collect(new Q5Result(ctx.getCurrentKey(), auction, count));
      }
      max.clear();
      auctions.clear();
    }
  }
}
