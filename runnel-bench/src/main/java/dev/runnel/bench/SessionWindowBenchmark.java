package dev.runnel.bench;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.window.EventTimeSessionWindows;
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
 * Keyed event-time session windows (gap 1 s) counting per session, parallelism 1. Event time is
 * {@code i / }{@link #EVENTS_PER_MS} ms; the keys alternate between two sets of {@link #KEYS} every
 * 5 s of event time, so each key has 5-second sessions separated by 5-second silences, and every
 * record merges into its key's open session (the expensive path of session windows). Score:
 * records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SessionWindowBenchmark.RECORDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SessionWindowBenchmark {
  static final int RECORDS = 5_000_000;
  static final int KEYS = 10_000;
  static final long EVENTS_PER_MS = 100;
  static final long PHASE_RECORDS = EVENTS_PER_MS * 5_000;

  @Benchmark
  public long job() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1).setWorkerThreads(1);
    DiscardingSink<Long> sink = new DiscardingSink<>();
    env.fromSource(GeneratorSource.of(i -> i).count(RECORDS).build(),
            WatermarkStrategy.<Long>forMonotonousTimestamps()
                .withTimestampAssigner((x, t) -> x / EVENTS_PER_MS),
            "Generator")
        .keyBy(x -> x % KEYS + KEYS * ((x / PHASE_RECORDS) % 2))
        .window(EventTimeSessionWindows.withGap(Duration.ofSeconds(1)))
        .aggregate(new CountAggregate<>())
        .sinkTo(sink);
    env.execute("session-window-count");
    long expected = (long) KEYS * (RECORDS / PHASE_RECORDS);
    if (sink.count() != expected) {
      throw new IllegalStateException("the sink saw " + sink.count() + " results, expected " + expected);
    }
    return sink.count();
  }
}
