package dev.runnel.bench;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.state.StateBackend;
import dev.runnel.rocksdb.RocksDbStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checkpoints cost: the keyed tumbling-window count of {@link TumblingWindowBenchmark} (10,000
 * keys, 1-second event-time windows, parallelism 2), over {@link #RECORDS} records, without
 * checkpoints and with a checkpoint every second (aligned barriers, the state of every window
 * written to a local folder, the final checkpoint at the end included). The score is records per
 * second; compare {@code interval=none} with {@code interval=1s} for the same backend.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(CheckpointOverheadBenchmark.RECORDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CheckpointOverheadBenchmark {
  static final int RECORDS = 40_000_000;

  @Param({"none", "1s"})
  public String interval;

  @Param({"heap"})
  public String backend;

  private Path checkpoints;

  @Setup(Level.Iteration)
  public void createFolder() throws IOException {
    checkpoints = Files.createTempDirectory("runnel-bench-checkpoints");
  }

  @TearDown(Level.Iteration)
  public void deleteFolder() throws IOException {
    try (Stream<Path> walk = Files.walk(checkpoints)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public long job() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2).setWorkerThreads(2);
    if (!interval.equals("none")) {
      env.enableCheckpointing(Duration.ofSeconds(Long.parseLong(interval.replace("s", ""))))
          .setCheckpointDirectory(checkpoints);
    }
    env.setStateBackend(backend.equals("rocksdb") ? new RocksDbStateBackend()
        : StateBackend.heap());
    return TumblingWindowBenchmark.run(env, RECORDS, "checkpoint-overhead");
  }
}
