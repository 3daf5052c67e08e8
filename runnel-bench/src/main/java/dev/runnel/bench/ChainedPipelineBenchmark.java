package dev.runnel.bench;

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
 * Throughput of a whole job whose steps are all chained into one tasklet at parallelism 1:
 * generator of longs, map, filter, map, discarding sink. One invocation runs one complete job of
 * {@link #RECORDS} source records (deploy, run, join threads), so the score is source records per
 * second including the job's fixed start and stop costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ChainedPipelineBenchmark.RECORDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ChainedPipelineBenchmark {
  /** Source records per job. */
  static final int RECORDS = 50_000_000;

  /** The filter keeps the even values of {@code i + 1}: exactly half of the records. */
  private static final long EXPECTED_AT_SINK = RECORDS / 2;

  @Benchmark
  public long job() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1).setWorkerThreads(1);
    DiscardingSink<Long> sink = new DiscardingSink<>();
    env.fromSource(GeneratorSource.of(i -> i).count(RECORDS).build(), "Generator")
        .map(x -> x + 1)
        .filter(x -> (x & 1) == 0)
        .map(x -> x * 3)
        .sinkTo(sink);
    env.execute("chained-pipeline");
    long count = sink.count();
    if (count != EXPECTED_AT_SINK) {
      throw new IllegalStateException(
          "the sink saw " + count + " records, expected " + EXPECTED_AT_SINK);
    }
    return count;
  }
}
