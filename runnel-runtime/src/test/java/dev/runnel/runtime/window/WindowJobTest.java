package dev.runnel.runtime.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.JobResult;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.CollectSink;
import dev.runnel.api.connector.CollectionSource;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessAllWindowFunction;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Window steps in whole jobs: keyed at parallelism > 1, windowAll, lateness counters. */
class WindowJobTest {
  record Event(String key, long time) {}

  static final class Count implements AggregateFunction<Event, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] add(Event value, long[] acc) {
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

  /** Emits "key@start=count". */
  static final class Label extends ProcessWindowFunction<Long, String, String, TimeWindow> {
    @Override
    public void process(String key, Context<TimeWindow> ctx, Iterable<Long> counts,
        Collector<String> out) {
      out.collect(key + "@" + ctx.window().start() + "=" + counts.iterator().next());
    }
  }

  private static List<Event> events() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      events.add(new Event("k" + (i % 7), i * 3L));
    }
    return events;
  }

  private static DataStream<Event> source(StreamEnvironment env, List<Event> events) {
    return env.fromSource(new CollectionSource<>(events),
        WatermarkStrategy.<Event>forMonotonousTimestamps().withTimestampAssigner((e, t) -> e.time()),
        "events");
  }

  @Test
  void when_keyedTumblingWindowsRunInParallel_then_everyKeyAndWindowIsCountedOnce() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    CollectSink<String> sink = new CollectSink<>();
    source(env, events())
        .keyBy(Event::key)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
        .aggregate(new Count(), new Label())
        .sinkTo(sink);
    env.execute("tumbling");

    Map<String, Long> expected = new TreeMap<>();
    for (Event e : events()) {
      expected.merge(e.key() + "@" + (e.time() / 1000 * 1000), 1L, Long::sum);
    }
    List<String> expectedLines = new ArrayList<>();
    expected.forEach((k, v) -> expectedLines.add(k + "=" + v));
    assertThat(sink.records()).containsExactlyInAnyOrderElementsOf(expectedLines);
  }

  @Test
  void when_slidingAndSessionWindowsRunInAJob_then_resultsAreComplete() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    List<Long> sliding = source(env, events())
        .keyBy(Event::key)
        .window(SlidingEventTimeWindows.of(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .aggregate(new Count())
        .executeAndCollect();
    // every element is in two windows
    assertThat(sliding.stream().mapToLong(Long::longValue).sum()).isEqualTo(2 * 3_000);

    StreamEnvironment env2 = StreamEnvironment.create().setParallelism(2);
    List<Long> sessions = source(env2, events())
        .keyBy(Event::key)
        .window(EventTimeSessionWindows.withGap(Duration.ofMillis(100)))
        .aggregate(new Count())
        .executeAndCollect();
    assertThat(sessions).hasSize(7).allMatch(n -> n > 400);
  }

  static final class Total extends ProcessAllWindowFunction<Long, String, TimeWindow> {
    @Override
    public void process(ProcessWindowFunction.Context<TimeWindow> ctx, Iterable<Long> counts,
        Collector<String> out) {
      out.collect(ctx.window().start() + "=" + counts.iterator().next());
    }
  }

  @Test
  void when_windowAll_then_oneSubtaskSeesTheWholeStream() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(4);
    List<String> totals = source(env, events())
        .rebalance()
        .map(e -> e)
        .windowAll(TumblingEventTimeWindows.of(Duration.ofSeconds(3)))
        .aggregate(new Count(), new Total())
        .executeAndCollect();
    assertThat(totals).containsExactlyInAnyOrder("0=1000", "3000=1000", "6000=1000");
  }

  @Test
  void when_elementsAreLate_then_theyAreCountedOrSentToTheSideOutput() {
    List<Event> events = List.of(new Event("a", 100), new Event("a", 5_000), new Event("a", 50),
        new Event("b", 60));
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1)
        .setWatermarkInterval(Duration.ZERO);
    CollectSink<Long> counts = new CollectSink<>();
    source(env, events).keyBy(Event::key)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
        .aggregate(new Count())
        .name("counts")
        .sinkTo(counts);
    JobResult result = env.execute("late");
    assertThat(counts.records()).containsExactlyInAnyOrder(1L, 1L);
    assertThat(result.counter("counts.lateRecordsDropped")).isEqualTo(2);

    StreamEnvironment env2 = StreamEnvironment.create().setParallelism(1)
        .setWatermarkInterval(Duration.ZERO);
    OutputTag<Event> late = new OutputTag<>("late");
    DataStream<Long> windowed = source(env2, events).keyBy(Event::key)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
        .sideOutputLateData(late)
        .aggregate(new Count());
    CollectSink<Event> lateSink = new CollectSink<>();
    windowed.getSideOutput(late).sinkTo(lateSink);
    windowed.sinkTo(new CollectSink<>());
    env2.execute("late side output");
    assertThat(lateSink.records()).containsExactlyInAnyOrder(new Event("a", 50), new Event("b", 60));
  }
}
