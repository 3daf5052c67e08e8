package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runnel savepoint} against {@code runnel run} in a child JVM, and {@code
 * --savepoint-on-cancel}: the run is stopped with SIGTERM after the savepoint, a second run
 * restores from it into the same output directory, and the committed output of both runs together
 * must be exactly the output of one run without checkpoints: nothing lost, nothing twice.
 */
class SavepointCommandTest {
  /** 1500 orders at 250 per second: the child runs about six seconds. */
  private static final int ORDERS = 1500;

  private static final String RATE = "250";

  @TempDir Path dir;

  private Process child;

  @AfterEach
  void stopChild() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts {@code runnel ARGS} in a new JVM with this test's class path. */
  private Process runnel(Path stderr, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        RunnelCommand.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectOutput(dir.resolve("child.out").toFile())
        .redirectError(stderr.toFile())
        .start();
  }

  /** Waits until {@code file} exists, failing the test after 30 s or if the child ended. */
  private void awaitFile(Path file) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(file)) {
      assertThat(child.isAlive()).as("child still running; stderr: %s",
          Files.readString(dir.resolve("child.err"))).isTrue();
      assertThat(System.nanoTime() - deadline).as("waiting for " + file).isNegative();
      Thread.sleep(20);
    }
  }

  private String[] runArgs(Path input, Path output, Path checkpoints, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "order-alerts",
        "--input", input.toString(), "--output", output.toString(), "--parallelism", "1",
        // No periodic checkpoint during the test: the savepoint alone commits output.
        "--checkpoint-interval", "1h", "--checkpoint-dir", checkpoints.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void when_savepointOfRunningJob_then_pathPrinted_andRestoringFromItContinuesExactlyOnce()
      throws Exception {
    Path input = CheckpointOptionsTest.orders(dir.resolve("orders.jsonl"), ORDERS);
    List<String> expected = CheckpointOptionsTest.plainRun(input, dir.resolve("plain.jsonl"));
    Path output = dir.resolve("out");
    Path checkpoints = dir.resolve("chk");
    child = runnel(dir.resolve("child.err"), runArgs(input, output, checkpoints, "--rate", RATE));
    awaitFile(checkpoints.resolve("order-alerts/savepoint-requests"));
    Thread.sleep(1000); // let it read a few hundred orders

    CliRun savepoint = CliRun.of("savepoint", "order-alerts",
        "--checkpoint-dir", checkpoints.toString(), "--target", dir.resolve("sp").toString(),
        "--timeout", "30s");

    assertThat(savepoint.exitCode()).as("stderr: %s", savepoint.err()).isZero();
    assertThat(savepoint.err()).isEmpty();
    Path path = Path.of(savepoint.out().strip());
    assertThat(path.getFileName().toString()).matches("savepoint-\\d+");
    assertThat(path.getParent()).isEqualTo(dir.resolve("sp"));
    assertThat(path.resolve("_metadata")).isRegularFile();
    try (var left = Files.list(checkpoints.resolve("order-alerts/savepoint-requests"))) {
      assertThat(left).as("request and response deleted").isEmpty();
    }

    child.destroy(); // SIGTERM: cancelled, output after the savepoint is never committed
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> beforeSavepoint = CheckpointOptionsTest.committedLines(output);
    assertThat(beforeSavepoint).isNotEmpty().hasSizeLessThan(ORDERS)
        .isEqualTo(expected.subList(0, beforeSavepoint.size()));

    CliRun restored = CliRun.of(runArgs(input, output, checkpoints, "--restore", path.toString()));

    assertThat(restored.exitCode()).as("stderr: %s", restored.err()).isZero();
    assertThat(restored.err())
        .contains((ORDERS - beforeSavepoint.size()) + " records in");
    assertThat(CheckpointOptionsTest.committedLines(output)).containsExactlyElementsOf(expected);
  }

  @Test
  void when_savepointOnCancel_then_savepointPathOnStderr_andRestoringFromItContinuesExactlyOnce()
      throws Exception {
    Path input = CheckpointOptionsTest.orders(dir.resolve("orders.jsonl"), ORDERS);
    List<String> expected = CheckpointOptionsTest.plainRun(input, dir.resolve("plain.jsonl"));
    Path output = dir.resolve("out");
    Path checkpoints = dir.resolve("chk");
    Path stderr = dir.resolve("child.err");
    child = runnel(stderr,
        runArgs(input, output, checkpoints, "--rate", RATE, "--savepoint-on-cancel"));
    awaitFile(checkpoints.resolve("order-alerts/savepoint-requests"));
    Thread.sleep(1000);

    child.destroy();

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String prefix = "runnel: savepoint taken before cancelling: ";
    List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
    String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no savepoint line in " + lines));
    Path path = Path.of(line.substring(prefix.length()));
    assertThat(path.getParent()).isEqualTo(checkpoints.resolve("order-alerts/savepoints"));
    assertThat(path.resolve("_metadata")).isRegularFile();
    List<String> beforeSavepoint = CheckpointOptionsTest.committedLines(output);
    assertThat(beforeSavepoint).isNotEmpty().hasSizeLessThan(ORDERS);

    CliRun restored = CliRun.of(runArgs(input, output, checkpoints, "--restore", path.toString()));

    assertThat(restored.exitCode()).as("stderr: %s", restored.err()).isZero();
    assertThat(CheckpointOptionsTest.committedLines(output)).containsExactlyElementsOf(expected);
  }

  @Test
  void when_noJobRuns_then_savepointGivesUpAfterTheTimeoutWithExit1() {
    Path checkpoints = dir.resolve("chk");

    CliRun run = CliRun.of("savepoint", "order-alerts", "--checkpoint-dir",
        checkpoints.toString(), "--timeout", "300ms");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly("runnel: savepoint of job 'order-alerts' not "
        + "taken: no running job answered within 300ms (requests go to "
        + checkpoints.resolve("order-alerts/savepoint-requests") + ")");
    assertThat(checkpoints.resolve("order-alerts/savepoint-requests")).isEmptyDirectory();
  }

  @Test
  void when_savepointOfUnknownJobOrBadTimeout_then_usageError() {
    CliRun unknown = CliRun.of("savepoint", "nope");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.errLines()).containsExactly("runnel: unknown job 'nope' (see 'runnel list')");

    CliRun badTimeout = CliRun.of("savepoint", "order-alerts", "--timeout", "soon");
    assertThat(badTimeout.exitCode()).isEqualTo(2);
    assertThat(badTimeout.errLines()).containsExactly("runnel: invalid value 'soon' for option "
        + "--timeout: expected a duration such as 500ms, 10s, 5m, 1h, 2d or PT1M30S");
  }
}
