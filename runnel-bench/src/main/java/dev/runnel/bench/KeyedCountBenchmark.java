package dev.runnel.bench;

import dev.runnel.api.KeyedValue;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.connector.GeneratorSource;
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
 * Throughput of a whole keyed job at parallelism 2 on 2 worker threads: generator of longs, keyBy
 * over {@link #KEYS} distinct keys (records cross the bounded channels between the source subtasks
 * and the count subtasks), rolling count per key, discarding sink chained to the count. One
 * invocation runs one complete job of {@link #RECORDS} records; the score is records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(KeyedCountBenchmark.RECORDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class KeyedCountBenchmark {
  /** Source records per job; every one reaches the sink as a (key, count) pair. */
  static final int RECORDS = 20_000_000;

  static final int KEYS = 10_000;

  @Benchmark
  public long job() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2).setWorkerThreads(2);
    DiscardingSink<KeyedValue<Long, Long>> sink = new DiscardingSink<>();
    env.fromSource(GeneratorSource.of(i -> i).count(RECORDS).build(), "Generator")
        .keyBy(x -> x % KEYS)
        .count()
        .sinkTo(sink);
    env.execute("keyed-count");
    long count = sink.count();
    if (count != RECORDS) {
      throw new IllegalStateException("the sink saw " + count + " records, expected " + RECORDS);
    }
    return count;
  }
}
