package dev.runnel.runtime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.JobHandle;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.CollectSink;
import dev.runnel.api.connector.CollectionSource;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Event time through whole jobs: watermarks cross shuffles, timers fire, idleness unblocks. */
class EventTimeJobTest {

  record Event(String key, long time) {}

  /**
   * Counts events per key per 1-second bucket, emitting each bucket when the watermark passes its
   * end. Several buckets of a key can be open at once: the watermark that closes a bucket is made
   * by the first event of a later one, which therefore arrives before the bucket's timer fires.
   */
  static final class BucketCount extends KeyedProcessFunction<String, Event, String> {
    private transient ValueState<TreeMap<Long, Long>> counts;

    @Override
    @SuppressWarnings("unchecked")
    public void open(RuntimeContext ctx) {
      counts = ctx.getState(new ValueStateDescriptor<>("counts", (Class<TreeMap<Long, Long>>) (Class<?>) TreeMap.class));
    }

    @Override
    public void processElement(Event e, Context<String> ctx, Collector<String> out)
        throws Exception {
      if (e.time() <= ctx.timerService().currentWatermark()) {
        out.collect("late " + e);
        return;
      }
      long b = e.time() / 1000;
      TreeMap<Long, Long> c = counts.value() == null ? new TreeMap<>() : counts.value();
      c.merge(b, 1L, Long::sum);
      counts.update(c);
      ctx.timerService().registerEventTimeTimer(b * 1000 + 999);
    }

    @Override
    public void onTimer(long ts, OnTimerContext<String> ctx, Collector<String> out)
        throws Exception {
      TreeMap<Long, Long> c = counts.value();
      out.collect(ctx.getCurrentKey() + " " + (ts / 1000) + " " + c.remove(ts / 1000));
      counts.update(c.isEmpty() ? null : c);
    }
  }

  private static List<Event> events() {
    List<Event> events = new ArrayList<>();
    Random r = new Random(42);
    for (int second = 0; second < 20; second++) {
      int offset = 0; // strictly increasing times, as the monotonous strategy promises
      for (String key : List.of("a", "b", "c", "d")) {
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
          events.add(new Event(key, second * 1000L + offset++));
        }
      }
    }
    return events;
  }

  private static List<String> run(int parallelism) {
    StreamEnvironment env = StreamEnvironment.create()
        .setParallelism(parallelism)
        .setWatermarkInterval(Duration.ZERO);
    WatermarkStrategy<Event> strategy = WatermarkStrategy.<Event>forMonotonousTimestamps()
        .withTimestampAssigner((e, ts) -> e.time());
    return env.fromSource(new CollectionSource<>(events()), strategy, "events")
        .keyBy(Event::key)
        .process(new BucketCount())
        .executeAndCollect();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void when_watermarksPassBuckets_then_eachBucketEmittedOnceWithItsCount(int parallelism) {
    List<String> out = run(parallelism);

    List<String> expected = new ArrayList<>();
    List<Event> events = events();
    for (String key : List.of("a", "b", "c", "d")) {
      for (int second = 0; second < 20; second++) {
        final int s = second;
        long n = events.stream().filter(e -> e.key().equals(key) && e.time() / 1000 == s).count();
        expected.add(key + " " + second + " " + n);
      }
    }
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void when_assignedOnStream_then_timersFireFromThoseWatermarks() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2)
        .setWatermarkInterval(Duration.ZERO);
    List<String> out = env.fromCollection(events())
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forMonotonousTimestamps()
            .withTimestampAssigner((e, ts) -> e.time()))
        .keyBy(Event::key)
        .process(new BucketCount())
        .executeAndCollect();
    assertThat(out).hasSize(80).noneMatch(s -> s.startsWith("late"));
  }

  /** Subtask 0 emits one event per call; subtask 1 never has data (an empty partition). */
  static final class OneBusySubtask implements Source<Event> {
    @Override
    public Boundedness boundedness() {
      return Boundedness.UNBOUNDED;
    }

    @Override
    public SourceReader<Event> createReader(SourceReaderContext context) {
      boolean busy = context.subtaskIndex() == 0;
      return new SourceReader<>() {
        private long next;

        @Override
        public InputStatus pollNext(ReaderOutput<Event> output) {
          if (!busy || next > 10_000) {
            return InputStatus.NOTHING_AVAILABLE;
          }
          output.collect(new Event("k", next));
          next += 100;
          return InputStatus.MORE_AVAILABLE;
        }
      };
    }
  }

  @Test
  void when_oneSourceSubtaskIdle_then_downstreamTimersStillFire() throws Exception {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2)
        .setWatermarkInterval(Duration.ofMillis(10));
    WatermarkStrategy<Event> strategy = WatermarkStrategy.<Event>forMonotonousTimestamps()
        .withTimestampAssigner((e, ts) -> e.time())
        .withIdleness(Duration.ofMillis(100));
    CollectSink<String> sink = new CollectSink<>();
    DataStream<String> counts = env.fromSource(new OneBusySubtask(), strategy, "events")
        .keyBy(Event::key)
        .process(new BucketCount());
    counts.sinkTo(sink);
    JobHandle job = env.executeAsync("idleness");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (sink.records().size() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      job.cancel();
      job.await();
    }
    // Without idleness, the silent subtask would hold the watermark at its start for ever.
    assertThat(sink.records()).contains("k 0 10", "k 1 10", "k 2 10", "k 3 10");
  }

  @Test
  void when_noIdleness_then_silentSubtaskHoldsTimeBack() throws Exception {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2)
        .setWatermarkInterval(Duration.ofMillis(10));
    WatermarkStrategy<Event> strategy = WatermarkStrategy.<Event>forMonotonousTimestamps()
        .withTimestampAssigner((e, ts) -> e.time());
    CollectSink<String> sink = new CollectSink<>();
    env.fromSource(new OneBusySubtask(), strategy, "events")
        .keyBy(Event::key)
        .process(new BucketCount())
        .sinkTo(sink);
    JobHandle job = env.executeAsync("no-idleness");
    Thread.sleep(500);
    job.cancel();
    job.await();
    assertThat(sink.records()).isEmpty();
  }
}
