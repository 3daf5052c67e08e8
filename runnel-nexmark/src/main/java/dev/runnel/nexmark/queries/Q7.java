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
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * q7, highest bid: for each tumbling event-time window of {@link #SIZE}, every bid whose price is
 * the highest of the window, as {@link Q7Result}{@code (windowEnd, bid)} (all bids tied at the
 * highest price are emitted). Windows without bids produce nothing.
 *
 * <p>Two phases: the highest bids of each window per group of auctions ({@code auction mod 64}),
 * then, keyed by window end, the highest of those, at an event-time timer on the window's last
 * millisecond.
 */
public final class Q7 {
  public static final Duration SIZE = Duration.ofSeconds(10);
  static final int GROUPS = 64;

  private Q7() {}

  /** The highest bids seen: their price and the bids. */
  static final class Highest implements Serializable {
    long price = Long.MIN_VALUE;
    final List<Bid> bids = new ArrayList<>(2);

    void add(Bid bid) {
      if (bid.price() > price) {
        price = bid.price();
        bids.clear();
        bids.add(bid);
      } else if (bid.price() == price) {
        bids.add(bid);
      }
    }
  }

  public static DataStream<Q7Result> build(DataStream<Event> events) {
    return Streams.bids(events)
        .keyBy(b -> (int) (b.auction() % GROUPS))
        .window(TumblingEventTimeWindows.of(SIZE))
        .aggregate(new AggregateFunction<Bid, Highest, Highest>() {
          @Override
          public Highest createAccumulator() {
            return new Highest();
          }

          @Override
          public Highest add(Bid bid, Highest acc) {
            acc.add(bid);
            return acc;
          }

          @Override
          public Highest getResult(Highest acc) {
            return acc;
          }

          @Override
          public Highest merge(Highest a, Highest b) {
            for (Bid bid : b.bids) {
              a.add(bid);
            }
            return a;
          }
        }, new ProcessWindowFunction<Highest, Q7Result, Integer, TimeWindow>() {
          @Override
          public void process(Integer group, Context<TimeWindow> ctx, Iterable<Highest> highest,
              Collector<Q7Result> out) {
            for (Highest h : highest) {
              for (Bid bid : h.bids) {
                out.collect(new Q7Result(ctx.window().end(), bid));
              }
            }
          }
        })
        .name("Q7 highest bids per group")
        .keyBy(Q7Result::windowEnd)
        .process(new HighestOfWindow())
        .name("Q7 highest bids");
  }

  private static final class HighestOfWindow
      extends KeyedProcessFunction<Long, Q7Result, Q7Result> {
    private transient ValueState<Long> max;
    private transient ListState<Bid> bids;

    @Override
    public void open(RuntimeContext context) {
      max = context.getState(new ValueStateDescriptor<>("max-price", Long.class));
      bids = context.getListState(new ListStateDescriptor<>("highest", Bid.class));
    }

    @Override
    public void processElement(Q7Result r, Context<Long> ctx, Collector<Q7Result> out)
        throws Exception {
      Long current = max.value();
      long price = r.bid().price();
      if (current == null || price > current) {
        max.update(price);
        bids.clear();
        bids.add(r.bid());
        ctx.timerService().registerEventTimeTimer(r.windowEnd() - 1);
      } else if (price == current) {
        bids.add(r.bid());
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Long> ctx, Collector<Q7Result> out)
        throws Exception {
      for (Bid bid : bids.get()) {
        out.collect(new Q7Result(ctx.getCurrentKey(), bid));
      }
      max.clear();
      bids.clear();
    }
  }
}
