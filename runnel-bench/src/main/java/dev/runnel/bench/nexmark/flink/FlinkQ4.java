package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.queries.Q4Result;
import dev.runnel.nexmark.queries.Q9Result;
import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * q4 on Flink: the running average winning price per category, one update per category and
 * distinct auction expiry time {@code t} (with a winner): (category, t, auctions closed by t,
 * their average winning price).
 *
 * <p>q9's winners carry their expiry as timestamp; a 1 ms tumbling window per category sums the
 * prices and counts the winners of each expiry time, and a keyed function keeps the running
 * totals per category. The window operator fires a key's windows in time order, so the totals
 * are updated in order of {@code t}.
 */
public final class FlinkQ4 {
  private FlinkQ4() {}

  public static DataStream<Q4Result> build(DataStream<Event> events) {
    return FlinkQ9.build(events)
        .keyBy(w -> w.auction().category())
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(1)))
        .aggregate(new SumCount(), new ProcessWindowFunction<
            Tuple2<Long, Long>, Tuple4<Long, Long, Long, Long>, Long, TimeWindow>() {
          @Override
          public void process(Long category, Context ctx, Iterable<Tuple2<Long, Long>> sums,
              Collector<Tuple4<Long, Long, Long, Long>> out) {
            for (Tuple2<Long, Long> s : sums) {
              out.collect(Tuple4.of(category, ctx.window().getStart(), s.f0, s.f1));
            }
          }
        })
        .name("q4 winners per category and expiry")
        .keyBy(t -> t.f0)
        .process(new RunningAverage())
        .returns(Q4Result.class)
        .name("q4 running average");
  }

  /** (sum of winning prices, number of winners). */
  private static final class SumCount
      implements AggregateFunction<Q9Result, Tuple2<Long, Long>, Tuple2<Long, Long>> {
    @Override
    public Tuple2<Long, Long> createAccumulator() {
      return Tuple2.of(0L, 0L);
    }

    @Override
    public Tuple2<Long, Long> add(Q9Result winner, Tuple2<Long, Long> acc) {
      acc.f0 += winner.bid().price();
      acc.f1 += 1;
      return acc;
    }

    @Override
    public Tuple2<Long, Long> getResult(Tuple2<Long, Long> acc) {
      return acc;
    }

    @Override
    public Tuple2<Long, Long> merge(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
      return Tuple2.of(a.f0 + b.f0, a.f1 + b.f1);
    }
  }

  /** Input (category, t, sum, count) in order of t per category; keeps the totals. */
  private static final class RunningAverage
      extends KeyedProcessFunction<Long, Tuple4<Long, Long, Long, Long>, Q4Result> {
    private transient ValueState<Tuple2<Long, Long>> totals;

    @Override
    public void open(OpenContext openContext) {
      totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals",
          Types.TUPLE(Types.LONG, Types.LONG)));
    }

    @Override
    public void processElement(Tuple4<Long, Long, Long, Long> in, Context ctx,
        Collector<Q4Result> out) throws Exception {
      Tuple2<Long, Long> t = totals.value();
      long sum = (t == null ? 0 : t.f0) + in.f2;
      long count = (t == null ? 0 : t.f1) + in.f3;
      totals.update(Tuple2.of(sum, count));
      out.collect(new Q4Result(in.f0, in.f1, count, (double) sum / count));
    }
  }
}
