package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Bid;
import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.queries.Q12Result;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * q12 on Flink: the bids of each bidder per 10 s tumbling window of processing time, as (bidder,
 * bids, window start, window end). A keyed function keeps each bidder's open window; it is
 * emitted by a processing-time timer at its end, when a bid of a later window comes, or at the
 * end of a bounded input (an event-time timer at the end of time), so no bid is lost. Only the
 * sum of the counts (the number of bids) is deterministic.
 */
public final class FlinkQ12 {
  static final long SIZE_MS = 10_000;

  private FlinkQ12() {}

  public static DataStream<Q12Result> build(DataStream<Event> events) {
    return FlinkStreams.bids(events)
        .keyBy(Bid::bidder)
        .process(new Windows())
        .returns(Q12Result.class)
        .name("q12 processing-time windows");
  }

  private static final class Windows extends KeyedProcessFunction<Long, Bid, Q12Result> {
    /** (window start, bids) of the bidder's open window. */
    private transient ValueState<Tuple2<Long, Long>> window;

    @Override
    public void open(OpenContext openContext) {
      window = getRuntimeContext().getState(
          new ValueStateDescriptor<>("window", Types.TUPLE(Types.LONG, Types.LONG)));
    }

    @Override
    public void processElement(Bid bid, Context ctx, Collector<Q12Result> out) throws Exception {
      long now = ctx.timerService().currentProcessingTime();
      long start = now - Math.floorMod(now, SIZE_MS);
      Tuple2<Long, Long> w = window.value();
      if (w != null && w.f0 != start) {
        out.collect(new Q12Result(ctx.getCurrentKey(), w.f1, w.f0, w.f0 + SIZE_MS));
        w = null;
      }
      if (w == null) {
        w = Tuple2.of(start, 0L);
        ctx.timerService().registerProcessingTimeTimer(start + SIZE_MS - 1);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      window.update(Tuple2.of(w.f0, w.f1 + 1));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Q12Result> out)
        throws Exception {
      Tuple2<Long, Long> w = window.value();
      if (w != null && (ctx.timeDomain() == TimeDomain.EVENT_TIME
          || timestamp >= w.f0 + SIZE_MS - 1)) {
        out.collect(new Q12Result(ctx.getCurrentKey(), w.f1, w.f0, w.f0 + SIZE_MS));
        window.clear();
      }
    }
  }
}
