package dev.runnel.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.JobStatus;
import dev.runnel.api.KeyedValue;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.connector.file.FileSink;
import dev.runnel.runtime.checkpoint.CheckpointMetadata;
import dev.runnel.runtime.checkpoint.CheckpointStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole jobs on the RocksDB backend: keyed state in RocksDB, checkpoints with its files, a task
 * failure restored from them, and a restore at another parallelism; the output goes through the
 * exactly-once file sink.
 */
class RocksDbCheckpointJobTest {
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  @TempDir
  Path dir;

  private StreamEnvironment env(int parallelism, Path checkpoints) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    env.enableCheckpointing(Duration.ofMillis(20)).setCheckpointDirectory(checkpoints);
    env.setStateBackend(new RocksDbStateBackend().setManagedMemory(32L << 20)
        .setLocalDirectory(dir.resolve("local")));
    return env;
  }

  @Test
  void when_taskFailsOnRocksDb_then_restoredStateGivesExactlyOnceOutput() throws Exception {
    long n = 200_000;
    FAILED.set(false);
    StreamEnvironment env = env(2, dir.resolve("chk"));
    env.setRestartStrategy(RestartStrategy.fixedDelay(2, Duration.ZERO));
    Path out = dir.resolve("out");
    env.fromSource(GeneratorSource.of(i -> i).count(n).build(), "numbers").uid("numbers")
        .keyBy(x -> x % 100).count().uid("count")
        .map(kv -> {
          if (kv.value() == 1_000 && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure");
          }
          return kv.key() + "=" + kv.value();
        }).uid("fails-once")
        .sinkTo(FileSink.textLines(out)).uid("output");

    assertThat(env.execute("rocks-restart").status()).isEqualTo(JobStatus.FINISHED);

    assertThat(FAILED).isTrue();
    List<String> lines = committed(out);
    assertThat(lines).hasSize((int) n).doesNotHaveDuplicates();
    assertThat(finalCounts(lines)).isEqualTo(expected(n, 100));
    CheckpointMetadata last = CheckpointStorage.load(
        new CheckpointStorage(dir.resolve("chk"), "rocks-restart").latestValid().orElseThrow());
    assertThat(last.stateBackend()).isEqualTo("rocksdb");
  }

  @Test
  void when_rocksDbCheckpointRestoredAtOtherParallelism_then_countsGoOn() throws Exception {
    long n = 50_000;
    for (int parallelism : new int[] {1, 3}) {
      Path checkpoints = dir.resolve("chk-" + parallelism);
      Path out = dir.resolve("out-" + parallelism);
      StreamEnvironment first = env(2, checkpoints);
      first.fromSource(GeneratorSource.of(i -> i).count(n).build(), "numbers").uid("numbers")
          .keyBy(x -> x % 100).count().uid("count")
          .map(kv -> kv.key() + "=" + kv.value()).uid("format")
          .sinkTo(FileSink.textLines(out)).uid("output");
      first.execute("rocks-rescale");
      Path checkpoint = new CheckpointStorage(checkpoints, "rocks-rescale").latestValid()
          .orElseThrow();

      StreamEnvironment again = env(parallelism, checkpoints);
      again.restoreFrom(checkpoint.toString());
      again.fromSource(GeneratorSource.of(i -> i).count(2 * n).build(), "numbers")
          .uid("numbers")
          .keyBy(x -> x % 100).count().uid("count")
          .map(kv -> kv.key() + "=" + kv.value()).uid("format")
          .sinkTo(FileSink.textLines(out)).uid("output");
      again.execute("rocks-rescale");

      List<String> lines = committed(out);
      assertThat(lines).hasSize((int) (2 * n)).doesNotHaveDuplicates();
      assertThat(finalCounts(lines)).isEqualTo(expected(2 * n, 100));
    }
  }

  private static Map<Long, Long> expected(long n, int keys) {
    Map<Long, Long> counts = new HashMap<>();
    for (long i = 0; i < n; i++) {
      counts.merge(i % keys, 1L, Long::sum);
    }
    return counts;
  }

  private static Map<Long, Long> finalCounts(List<String> lines) {
    Map<Long, Long> last = new HashMap<>();
    for (String line : lines) {
      String[] kv = line.split("=");
      last.merge(Long.parseLong(kv[0]), Long.parseLong(kv[1]), Math::max);
    }
    return last;
  }

  private static List<String> committed(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        lines.addAll(Files.readAllLines(p));
      }
    }
    return lines;
  }
}
