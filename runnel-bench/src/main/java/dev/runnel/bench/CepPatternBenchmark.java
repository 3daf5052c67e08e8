package dev.runnel.bench;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.cep.CEP;
import dev.runnel.cep.Pattern;
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
 * CEP with a 3-step pattern ({@code a next b next c within 10 s}, event time) over {@link #KEYS}
 * keys, parallelism 2 on 2 worker threads, heap state. Record {@code i} belongs to key {@code i mod
 * KEYS} and is an a, b or c by {@code i / KEYS}, so each key sees a, b, c in turn, one second of
 * event time apart (event time is {@code i / 1000} ms): every key holds a partial match for two
 * thirds of the run and completes one match. Score: records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(CepPatternBenchmark.RECORDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class CepPatternBenchmark {
  static final int KEYS = 1_000_000;
  static final int RECORDS = 3 * KEYS;

  @Benchmark
  public long job() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2).setWorkerThreads(2);
    DiscardingSink<Long> sink = new DiscardingSink<>();
    Pattern<Long> pattern = Pattern.<Long>begin("a").where(x -> x / KEYS == 0)
        .next("b").where(x -> x / KEYS == 1)
        .next("c").where(x -> x / KEYS == 2)
        .within(Duration.ofSeconds(10));
    CEP.pattern(env.fromSource(GeneratorSource.of(i -> i).count(RECORDS).build(),
                WatermarkStrategy.<Long>forMonotonousTimestamps()
                    .withTimestampAssigner((x, t) -> x / 1_000),
                "Generator")
            .keyBy(x -> x % KEYS), pattern)
        .select(m -> m.get("c").get(0))
        .sinkTo(sink);
    env.execute("cep-3-step");
    if (sink.count() != KEYS) {
      throw new IllegalStateException("the sink saw " + sink.count() + " matches, expected " + KEYS);
    }
    return sink.count();
  }
}
