package dev.runnel.bench;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.window.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keyed tumbling-window count: a generator of longs whose event time is {@code i / }{@link
 * #EVENTS_PER_MS} ms (monotonous, watermarks every 200 ms of processing time), keyBy over {@link
 * #KEYS} keys, 1-second event-time windows counting with an {@code AggregateFunction}, discarding
 * sink. At parallelism 1 the window step is chained to the source; at 2, records cross channels.
 * One invocation is one job of {@link #RECORDS} records (100 s of event time, 10 records per key
 * and window, 1 million window results); the score is records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TumblingWindowBenchmark.RECORDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TumblingWindowBenchmark {
  static final int RECORDS = 10_000_000;
  static final int KEYS = 10_000;
  static final long EVENTS_PER_MS = 100;

  @Param({"1", "2"})
  public int parallelism;

  @Benchmark
  public long job() {
    StreamEnvironment env =
        StreamEnvironment.create().setParallelism(parallelism).setWorkerThreads(parallelism);
    return run(env, RECORDS, "tumbling-window-count");
  }

  /**
   * Runs the benchmark's job over {@code records} on {@code env} and checks the number of window
   * results; returns it. Shared with {@link CheckpointOverheadBenchmark}.
   */
  static long run(StreamEnvironment env, long records, String jobName) {
    DiscardingSink<Long> sink = new DiscardingSink<>();
    env.fromSource(GeneratorSource.of(i -> i).count(records).build(),
            WatermarkStrategy.<Long>forMonotonousTimestamps()
                .withTimestampAssigner((x, t) -> x / EVENTS_PER_MS),
            "Generator")
        .keyBy(x -> x % KEYS)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
        .aggregate(new CountAggregate<>())
        .sinkTo(sink);
    env.execute(jobName);
    long expected = (long) KEYS * (records / EVENTS_PER_MS / 1_000);
    if (sink.count() != expected) {
      throw new IllegalStateException(
          "the sink saw " + sink.count() + " results, expected " + expected);
    }
    return sink.count();
  }
}
