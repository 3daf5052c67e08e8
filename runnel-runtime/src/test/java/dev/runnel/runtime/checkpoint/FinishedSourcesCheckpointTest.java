package dev.runnel.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.runnel.api.DataStream;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobStatus;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.connector.file.FileSink;
import dev.runnel.connector.file.FileSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs that mix a bounded source with an unbounded one: a customers file (at parallelism 2, so
 * its second subtask, with no file to read, ends at once) next to a stream of orders that goes on.
 * Checkpoints must go on after the file source has finished, its output must become visible, and
 * a restore from such a checkpoint must neither read the file again nor lose any of it.
 */
class FinishedSourcesCheckpointTest {
  private static final int CUSTOMERS = 1000;
  private static final long ORDERS = 300;
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  @TempDir
  Path dir;
  private Path customers;
  private Path out;
  private String gate;

  @BeforeEach
  void setUp() throws IOException {
    customers = dir.resolve("customers.txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      lines.add("c" + i);
    }
    Files.write(customers, lines);
    out = dir.resolve("out");
    gate = "orders-" + System.nanoTime();
  }

  private StreamEnvironment env() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.enableCheckpointing(Duration.ofMillis(20)).setCheckpointDirectory(dir.resolve("chk"))
        .setRetainedCheckpoints(2);
    return env;
  }

  /** customers ∪ orders → (fails once on {@code failOn}, if set) → exactly-once part files. */
  private void job(StreamEnvironment env, String failOn) {
    DataStream<String> file = env.fromSource(FileSource.textLines(customers).build(), "customers")
        .uid("customers");
    DataStream<String> orders = env.fromSource(new GatedSequenceSource(gate, ORDERS, 2), "orders")
        .uid("orders");
    file.union(orders)
        .map(s -> {
          if (s.equals(failOn) && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure on " + s);
          }
          return s;
        }).uid("check")
        .sinkTo(FileSink.textLines(out)).uid("sink");
  }

  /** Every customer and every order, once: the output of a run without failures. */
  private static List<String> everything() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      all.add("c" + i);
    }
    for (long i = 0; i < ORDERS; i++) {
      all.add("u" + i);
    }
    return all;
  }

  /** The lines of the committed part files: what a reader of the output sees. */
  private List<String> visible() {
    List<String> lines = new ArrayList<>();
    if (!Files.isDirectory(out)) {
      return lines;
    }
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private long visibleCustomers() {
    return visible().stream().filter(s -> s.startsWith("c")).count();
  }

  private boolean visibleOrdersBelow(long n) {
    List<String> v = visible();
    for (long i = 0; i < n; i++) {
      if (!v.contains("u" + i)) {
        return false;
      }
    }
    return true;
  }

  /** The number of the newest complete checkpoint of the job, or 0. */
  private long newestComplete(String job) {
    try {
      for (Path p : new CheckpointStorage(dir.resolve("chk"), job).checkpointFolders()) {
        if (Files.exists(p.resolve(CheckpointStorage.METADATA_FILE))) {
          return CheckpointStorage.idOf(p);
        }
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for {@code condition}, checking every few milliseconds, for at most a minute. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited a minute in vain for " + what);
      }
      Thread.sleep(10);
    }
  }

  /**
   * Starts the job with the orders gate at 10 and waits until every customer and the first 10
   * orders are visible and two more checkpoints have completed since: the file source finished
   * long before those.
   */
  private JobHandle runUntilCustomersAreCommitted(StreamEnvironment env, String job)
      throws InterruptedException {
    GatedSequenceSource.open(gate, 10);
    JobHandle handle = env.executeAsync(job);
    await("every customer to be committed", () -> visibleCustomers() == CUSTOMERS);
    await("the first orders to be committed", () -> visibleOrdersBelow(10));
    long seen = newestComplete(job);
    await("more checkpoints after the file source finished",
        () -> newestComplete(job) >= seen + 2);
    return handle;
  }

  @Test
  void when_theFileSourceFinishesFirst_then_checkpointsGoOnAndCommitOutputWhileOrdersFlow()
      throws Exception {
    StreamEnvironment env = env();
    job(env, null);
    JobHandle handle = runUntilCustomersAreCommitted(env, "mixed");
    long afterCustomers = newestComplete("mixed");
    CheckpointMetadata m = CheckpointStorage.load(
        new CheckpointStorage(dir.resolve("chk"), "mixed").checkpointDirectory(afterCustomers));
    assertThat(m.finished()).isFalse();
    assertThat(m.operator("customers").subtasks()).hasSize(2); // final states, both subtasks

    // Orders go on flowing and keep becoming visible, checkpoint by checkpoint.
    GatedSequenceSource.open(gate, 50);
    await("later orders to be committed", () -> visibleOrdersBelow(50));
    assertThat(newestComplete("mixed")).isGreaterThan(afterCustomers);
    assertThat(handle.isDone()).isFalse();

    GatedSequenceSource.open(gate, ORDERS);
    assertThat(handle.await(Duration.ofMinutes(1)).status()).isEqualTo(JobStatus.FINISHED);
    assertThat(visible()).containsExactlyInAnyOrderElementsOf(everything());
    assertThat(CheckpointStorage.load(new CheckpointStorage(dir.resolve("chk"), "mixed")
        .latestValid().orElseThrow()).finished()).isTrue();
  }

  @Test
  void when_restoredFromACheckpointTakenAfterTheFileEnded_then_theFileIsNeitherReadAgainNorLost()
      throws Exception {
    StreamEnvironment first = env();
    job(first, null);
    JobHandle handle = runUntilCustomersAreCommitted(first, "restored");
    handle.cancel();
    assertThat(handle.await(Duration.ofMinutes(1)).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(visible()).hasSizeLessThan(CUSTOMERS + (int) ORDERS);

    GatedSequenceSource.open(gate, ORDERS);
    StreamEnvironment again = env();
    again.restoreFrom(RestoreFrom.latest());
    job(again, null);
    assertThat(again.execute("restored").status()).isEqualTo(JobStatus.FINISHED);

    assertThat(visible()).containsExactlyInAnyOrderElementsOf(everything());
  }

  @Test
  void when_aTaskFailsAfterTheFileEnded_then_theRestartGoesOnFromThereExactlyOnce()
      throws Exception {
    FAILED.set(false);
    StreamEnvironment env = env();
    env.setRestartStrategy(RestartStrategy.fixedDelay(2, Duration.ZERO));
    job(env, "u150");
    JobHandle handle = runUntilCustomersAreCommitted(env, "restarted");

    GatedSequenceSource.open(gate, ORDERS);
    assertThat(handle.await(Duration.ofMinutes(1)).status()).isEqualTo(JobStatus.FINISHED);

    assertThat(FAILED).isTrue();
    assertThat(visible()).containsExactlyInAnyOrderElementsOf(everything());
  }
}
