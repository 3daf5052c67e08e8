package dev.runnel.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.InvalidJobException;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.KeyedValue;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
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

class CheckpointJobTest {
  @TempDir
  Path dir;

  private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

  /** The final running count of each key 0..9 over numbers 0..n-1, as "key=count". */
  private static Map<Long, Long> expectedCounts(long n) {
    Map<Long, Long> counts = new HashMap<>();
    for (long i = 0; i < n; i++) {
      counts.merge(i % 10, 1L, Long::sum);
    }
    return counts;
  }

  private StreamEnvironment env(int parallelism) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    env.enableCheckpointing(Duration.ofMillis(10)).setCheckpointDirectory(dir)
        .setRetainedCheckpoints(2);
    return env;
  }

  @Test
  void when_jobRunsWithCheckpoints_then_checkpointsCompleteAndOutputIsCommittedOnce()
      throws Exception {
    long n = 200_000;
    StreamEnvironment env = env(2);
    TransactionalListSink<KeyedValue<Long, Long>> sink = new TransactionalListSink<>();
    env.fromSource(new ReplayableSequenceSource(n, 4, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10).count().uid("count")
        .sinkTo(sink).uid("sink");

    JobResult result = env.execute("counting");

    assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
    List<KeyedValue<Long, Long>> out = sink.committed();
    assertThat(out).hasSize((int) n);
    Map<Long, Long> last = new HashMap<>();
    out.forEach(kv -> last.merge(kv.key(), kv.value(), Math::max));
    assertThat(last).isEqualTo(expectedCounts(n));
    CheckpointMetadata finalCheckpoint = CheckpointStorage.load(latest());
    assertThat(finalCheckpoint.finished()).isTrue();
    assertThat(finalCheckpoint.operators()).extracting(CheckpointMetadata.OperatorState::uid)
        .contains("numbers", "count", "sink");
  }

  @Test
  void when_taskFailsOnce_then_jobRestoresFromCheckpointAndOutputIsExactlyOnce() {
    long n = 300_000;
    FAILED_ONCE.set(false);
    StreamEnvironment env = env(2);
    env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ZERO));
    TransactionalListSink<KeyedValue<Long, Long>> sink = new TransactionalListSink<>();
    env.fromSource(new ReplayableSequenceSource(n, 4, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10).count().uid("count")
        .map(kv -> {
          if (kv.value() == 20_000 && FAILED_ONCE.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure");
          }
          return kv;
        }).uid("fails-once")
        .sinkTo(sink).uid("sink");

    JobResult result = env.execute("restarting");

    assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(FAILED_ONCE).isTrue();
    List<KeyedValue<Long, Long>> out = sink.committed();
    // Exactly once: every running count of every key appears once.
    assertThat(out).hasSize((int) n);
    assertThat(out).doesNotHaveDuplicates();
  }

  @Test
  void when_aSinkCannotPreCommit_then_theJobRestoresInsteadOfLosingItsRecords() {
    long n = 200_000;
    AtomicBoolean failed = new AtomicBoolean();
    StreamEnvironment env = env(2);
    env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ZERO));
    TransactionalListSink<KeyedValue<Long, Long>> sink = new TransactionalListSink<>(failed);
    env.fromSource(new ReplayableSequenceSource(n, 4, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10).count().uid("count")
        .sinkTo(sink).uid("sink");

    JobResult result = env.execute("pre-commit-fails");

    assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(failed).isTrue();
    List<KeyedValue<Long, Long>> out = sink.committed();
    assertThat(out).hasSize((int) n).doesNotHaveDuplicates();
  }

  @Test
  void when_restoredAtAnotherParallelism_then_keyedStateFollowsItsKeyGroups() throws Exception {
    long n = 50_000;
    for (int parallelism : new int[] {1, 4}) {
      Path folder = dir.resolve("p" + parallelism);
      String sinkName = "rescale-" + parallelism + "-" + System.nanoTime();
      StreamEnvironment first = env(2);
      first.getCheckpointConfig().setCheckpointDirectory(folder);
      first.fromSource(new ReplayableSequenceSource(n, 4, 20), "numbers").uid("numbers")
          .keyBy(x -> x % 10).count().uid("count")
          .sinkTo(new TransactionalListSink<>(sinkName)).uid("sink");
      first.execute("rescale");
      Path checkpoint = new CheckpointStorage(folder, "rescale").latestValid().orElseThrow();

      // The same job over twice as many numbers, at another parallelism: each split goes on from
      // its position and each key's count from its restored value.
      StreamEnvironment again = env(parallelism);
      again.getCheckpointConfig().setCheckpointDirectory(folder);
      again.restoreFrom(RestoreFrom.path(checkpoint));
      TransactionalListSink<KeyedValue<Long, Long>> sink = new TransactionalListSink<>(sinkName);
      again.fromSource(new ReplayableSequenceSource(2 * n, 4, 20), "numbers").uid("numbers")
          .keyBy(x -> x % 10).count().uid("count")
          .sinkTo(sink).uid("sink");
      again.execute("rescale");

      List<KeyedValue<Long, Long>> out = sink.committed();
      assertThat(out).hasSize((int) (2 * n)).doesNotHaveDuplicates();
      Map<Long, Long> last = new HashMap<>();
      out.forEach(kv -> last.merge(kv.key(), kv.value(), Math::max));
      assertThat(last).isEqualTo(expectedCounts(2 * n));
    }
  }

  @Test
  void when_restoreFromLatestWithoutCheckpoint_then_freshStart() throws Exception {
    StreamEnvironment env = env(1).restoreFrom(RestoreFrom.latest());
    TransactionalListSink<KeyedValue<Long, Long>> sink = new TransactionalListSink<>();
    env.fromSource(new ReplayableSequenceSource(1000, 1, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10).count().uid("count")
        .sinkTo(sink).uid("sink");

    assertThat(env.execute("fresh").status()).isEqualTo(JobStatus.FINISHED);
    Map<Long, Long> last = new HashMap<>();
    sink.committed().forEach(kv -> last.merge(kv.key(), kv.value(), Math::max));
    assertThat(last).isEqualTo(expectedCounts(1000));
  }

  @Test
  void when_restoreFromLatest_then_sumsGoOnFromTheNewestCheckpoint() throws Exception {
    String sinkName = "latest-" + System.nanoTime();
    StreamEnvironment first = env(2);
    first.fromSource(new ReplayableSequenceSource(1000, 2, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10).sum(Long.class, x -> x).uid("sum")
        .sinkTo(new TransactionalListSink<>(sinkName)).uid("sink");
    first.execute("latest");

    StreamEnvironment again = env(1).restoreFrom(RestoreFrom.latest());
    TransactionalListSink<KeyedValue<Long, Long>> sink = new TransactionalListSink<>(sinkName);
    again.fromSource(new ReplayableSequenceSource(2000, 2, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10).sum(Long.class, x -> x).uid("sum")
        .sinkTo(sink).uid("sink");
    again.execute("latest");

    // Had the second run started afresh, its sums would lack the first 1000 numbers.
    Map<Long, Long> expected = new HashMap<>();
    for (long i = 0; i < 2000; i++) {
      expected.merge(i % 10, i, Long::sum);
    }
    Map<Long, Long> last = new HashMap<>();
    sink.committed().forEach(kv -> last.merge(kv.key(), kv.value(), Math::max));
    assertThat(last).isEqualTo(expected);
  }

  @Test
  void when_operatorStateHasNoMatchingUid_then_restoreFailsUnlessAllowed() throws Exception {
    StreamEnvironment first = env(1);
    first.fromSource(new ReplayableSequenceSource(1000, 1, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10).count().uid("count")
        .sinkTo(new TransactionalListSink<>()).uid("sink");
    first.execute("uids");
    Path checkpoint = latest();

    StreamEnvironment renamed = env(1);
    renamed.restoreFrom(checkpoint.toString());
    renamed.fromSource(new ReplayableSequenceSource(1000, 1, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10).count().uid("count-renamed")
        .sinkTo(new TransactionalListSink<>()).uid("sink");
    assertThatThrownBy(() -> renamed.execute("uids"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("count")
        .hasMessageContaining("--allow-non-restored-state");

    StreamEnvironment allowed = env(1);
    allowed.restoreFrom(checkpoint.toString()).setAllowNonRestoredState(true);
    allowed.fromSource(new ReplayableSequenceSource(1000, 1, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10).count().uid("count-renamed")
        .sinkTo(new TransactionalListSink<>()).uid("sink");
    assertThat(allowed.execute("uids").status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void when_everyCheckpointTimesOut_then_theyAreAbortedAndTheJobGoesOn() throws Exception {
    long n = 100_000;
    StreamEnvironment env = env(2);
    env.getCheckpointConfig().setTimeout(Duration.ofNanos(1));
    TransactionalListSink<KeyedValue<Long, Long>> sink = new TransactionalListSink<>();
    env.fromSource(new ReplayableSequenceSource(n, 4, 5), "numbers").uid("numbers")
        .keyBy(x -> x % 10).count().uid("count")
        .sinkTo(sink).uid("sink");

    assertThat(env.execute("timeouts").status()).isEqualTo(JobStatus.FINISHED);

    // Only the final checkpoint (which waits for the end of input, not for a timer) completed.
    CheckpointStorage storage = new CheckpointStorage(dir, "timeouts");
    assertThat(storage.checkpointFolders()).hasSize(1);
    assertThat(CheckpointStorage.load(storage.checkpointFolders().get(0)).finished()).isTrue();
    assertThat(sink.committed()).hasSize((int) n).doesNotHaveDuplicates();
  }

  @Test
  void when_aSubtaskCannotSnapshot_then_thatCheckpointIsAbortedAndTheJobGoesOn() {
    long n = 200_000;
    FAILED_ONCE.set(false);
    StreamEnvironment env = env(2);
    TransactionalListSink<KeyedValue<Long, Long>> sink = new TransactionalListSink<>();
    env.fromSource(new ReplayableSequenceSource(n, 4, 20), "numbers").uid("numbers")
        .keyBy(x -> x % 10)
        .process(new SnapshotFailsOnce()).uid("fails-to-snapshot")
        .sinkTo(sink).uid("sink");

    assertThat(env.execute("declined").status()).isEqualTo(JobStatus.FINISHED);
    assertThat(FAILED_ONCE).isTrue();
    assertThat(sink.committed()).hasSize((int) n).doesNotHaveDuplicates();
  }

  /**
   * Counts per key in a value state that cannot be serialized at the first checkpoint (its value
   * is then a non-serializable object) and can at later ones.
   */
  static final class SnapshotFailsOnce
      extends KeyedProcessFunction<Long, Long, KeyedValue<Long, Long>> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Object> count;

    @Override
    public void open(RuntimeContext context) {
      count = context.getState(
          new ValueStateDescriptor<>("count", Object.class));
    }

    @Override
    public void processElement(Long value, Context<Long> ctx,
        Collector<KeyedValue<Long, Long>> out) throws Exception {
      Object stored = count.value();
      long c = stored == null ? 1 : ((Number) stored).longValue() + 1;
      // Until the first failure, the count is kept in an object that cannot be serialized.
      count.update(FAILED_ONCE.get() ? Long.valueOf(c) : new Unserializable(c));
      out.collect(new KeyedValue<>(ctx.getCurrentKey(), c));
    }
  }

  /** A number that checkpoints cannot write. */
  static final class Unserializable extends Number {
    private final long value;

    Unserializable(long value) {
      this.value = value;
    }

    @Override
    public int intValue() {
      return (int) value;
    }

    @Override
    public long longValue() {
      return value;
    }

    @Override
    public float floatValue() {
      return value;
    }

    @Override
    public double doubleValue() {
      return value;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      FAILED_ONCE.set(true);
      throw new NotSerializableException("not today");
    }
  }

  @Test
  void when_sourceCannotCheckpoint_then_jobRefusesToStart() {
    StreamEnvironment env = env(1);
    env.fromSource(new Source<Long>() {
      @Override
      public Boundedness boundedness() {
        return Boundedness.BOUNDED;
      }

      @Override
      public SourceReader<Long> createReader(SourceReaderContext context) {
        return out -> InputStatus.END_OF_INPUT;
      }
    }, "opaque").print();
    assertThatThrownBy(() -> env.execute("opaque"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("opaque")
        .hasMessageContaining("cannot resume from a checkpoint");
  }

  @Test
  void when_savepointTriggered_then_itIsWrittenAndTheJobGoesOn() throws Exception {
    StreamEnvironment env = env(2);
    env.fromSource(GeneratorSourceFixture.unboundedReplayable(), "endless").uid("endless")
        .keyBy(x -> x % 10).count().uid("count")
        .sinkTo(new TransactionalListSink<>()).uid("sink");
    JobHandle job = env.executeAsync("savepoints");
    Path savepoint = job.triggerSavepoint(dir.resolve("sp")).get();
    assertThat(savepoint.getFileName().toString()).startsWith("savepoint-");
    CheckpointMetadata metadata = CheckpointStorage.load(savepoint);
    assertThat(metadata.kind()).isEqualTo(CheckpointKind.SAVEPOINT);
    // the layout keeps the word it always had
    assertThat(Files.readString(savepoint.resolve("_metadata"))).containsPattern(
        "\"kind\"\\s*:\\s*\"savepoint\"");
    assertThat(job.isDone()).isFalse();
    job.cancel();
    assertThat(job.await(Duration.ofSeconds(30)).status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void when_latestCheckpointIsDamaged_then_theOneBeforeIsUsed() throws Exception {
    StreamEnvironment env = env(1);
    env.getCheckpointConfig().setRetainedCheckpoints(5);
    env.fromSource(GeneratorSourceFixture.unboundedReplayable(), "numbers").uid("numbers")
        .keyBy(x -> x % 10).count().uid("count")
        .sinkTo(new TransactionalListSink<>()).uid("sink");
    JobHandle job = env.executeAsync("damaged");
    CheckpointStorage storage = new CheckpointStorage(dir, "damaged");
    List<Path> complete = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (complete.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      complete.clear();
      for (Path p : storage.checkpointFolders()) {
        if (Files.exists(p.resolve(CheckpointStorage.METADATA_FILE))) {
          complete.add(p);
        }
      }
    }
    job.cancel();
    job.await(Duration.ofSeconds(30));
    // Listed again: more may have completed before the cancel took effect.
    complete.clear();
    for (Path p : storage.checkpointFolders()) {
      if (Files.exists(p.resolve(CheckpointStorage.METADATA_FILE))) {
        complete.add(p);
      }
    }
    assertThat(complete.size()).isGreaterThanOrEqualTo(2);

    Path newest = complete.get(0);
    try (Stream<Path> files = Files.list(newest)) {
      Path stateFile = files.filter(p -> p.getFileName().toString().endsWith(".op"))
          .findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(stateFile);
      bytes[bytes.length / 2] ^= 0x55;
      Files.write(stateFile, bytes);
    }
    assertThat(storage.latestValid()).contains(complete.get(1));
  }

  private Path latest() throws Exception {
    Path jobDir;
    try (Stream<Path> jobs = Files.list(dir)) {
      jobDir = jobs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    String job = jobDir.getFileName().toString();
    return new CheckpointStorage(dir, job).latestValid().orElseThrow();
  }
}
