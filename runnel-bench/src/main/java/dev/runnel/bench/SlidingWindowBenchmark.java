package dev.runnel.bench;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.WindowedStream;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.window.EventTimeTrigger;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TimeWindow;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keyed sliding-window count, size 10 s, slide 100 ms (each record is in 100 windows), {@link
 * #KEYS} keys, event time {@code i / }{@link #EVENTS_PER_MS} ms, parallelism 1. {@link #sliced}
 * is the default path (one accumulator per 100 ms slice, 100 slices merged per result); {@link
 * #unsliced} forces the general window operator with an explicit trigger, which adds each record
 * to all 100 windows (a job of a tenth of the records, or it would take minutes). Score: records
 * per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SlidingWindowBenchmark {
  static final int RECORDS = 2_000_000;
  static final int KEYS = 1_000;
  static final long EVENTS_PER_MS = 100;

  static final int UNSLICED_RECORDS = RECORDS / 10;

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long sliced() {
    return job(RECORDS, false);
  }

  @Benchmark
  @OperationsPerInvocation(UNSLICED_RECORDS)
  public long unsliced() {
    return job(UNSLICED_RECORDS, true);
  }

  private static long job(int records, boolean unsliced) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1).setWorkerThreads(1);
    DiscardingSink<Long> sink = new DiscardingSink<>();
    WindowedStream<Long, Long, TimeWindow> windowed = env.fromSource(
            GeneratorSource.of(i -> i).count(records).build(),
            WatermarkStrategy.<Long>forMonotonousTimestamps()
                .withTimestampAssigner((x, t) -> x / EVENTS_PER_MS),
            "Generator")
        .keyBy(x -> x % KEYS)
        .window(SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofMillis(100)));
    if (unsliced) {
      windowed.trigger(EventTimeTrigger.create());
    }
    windowed.aggregate(new CountAggregate<>()).sinkTo(sink);
    env.execute("sliding-window-count");
    // every key has records in every 100 ms slice: slices + 99 windows per key
    long expected = (long) KEYS * (records / EVENTS_PER_MS / 100 + 99);
    if (sink.count() != expected) {
      throw new IllegalStateException("the sink saw " + sink.count() + " results, expected " + expected);
    }
    return sink.count();
  }
}
