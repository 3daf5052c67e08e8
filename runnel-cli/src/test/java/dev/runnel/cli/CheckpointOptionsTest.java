package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint, restore, state backend, restart and rate options of {@code runnel run}, run
 * in-process: each is checked, applied, and gives the same output as a run without it.
 */
class CheckpointOptionsTest {
  static final int ORDERS = 600;

  @TempDir Path dir;

  /** {@code count} orders of 20 users, as JSON lines, seeded. */
  static Path orders(Path file, int count) throws IOException {
    Random random = new Random(42);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("{\"order_id\":\"o" + i + "\",\"user_id\":\"u" + random.nextInt(20)
          + "\",\"amount\":" + (1 + random.nextInt(200)) + "}");
    }
    return Files.write(file, lines);
  }

  /**
   * The lines of the visible part files in {@code output}, part file after part file (by subtask,
   * then sequence number); hidden in-progress and pending files are left out.
   */
  static List<String> committedLines(Path output) throws IOException {
    List<Path> parts;
    try (Stream<Path> files = Files.list(output)) {
      parts = files.filter(f -> f.getFileName().toString().matches("part-\\d+-\\d+\\.jsonl"))
          .sorted(Comparator.comparing((Path f) -> partNumber(f, 1))
              .thenComparing(f -> partNumber(f, 2)))
          .toList();
    }
    List<String> lines = new ArrayList<>();
    for (Path part : parts) {
      lines.addAll(Files.readAllLines(part));
    }
    return lines;
  }

  private static long partNumber(Path part, int index) {
    return Long.parseLong(part.getFileName().toString().split("[-.]")[index]);
  }

  /** Output lines of order-alerts run without checkpointing, at parallelism 1. */
  static List<String> plainRun(Path input, Path output) throws IOException {
    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(), "--output",
        output.toString(), "--parallelism", "1");
    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    return Files.readAllLines(output);
  }

  private static void assertUsageError(CliRun run, String expectedLine) {
    assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly(expectedLine);
  }

  private String[] orderAlerts(Path input, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "order-alerts", "--input",
        input.toString(), "--output", output.toString()));
    args.addAll(Arrays.asList(more));
    return args.toArray(String[]::new);
  }

  @Test
  void when_checkpointInterval_then_outputIsDirectoryOfCommittedPartFilesAndCheckpointsExist()
      throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), ORDERS);
    List<String> expected = plainRun(input, dir.resolve("plain.jsonl"));
    Path output = Files.createDirectory(dir.resolve("out"));
    Path checkpoints = dir.resolve("chk");

    CliRun run = CliRun.of(orderAlerts(input, output, "--parallelism", "1",
        "--checkpoint-interval", "50ms", "--checkpoint-dir", checkpoints.toString(),
        "--rate", "3000"));

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.errLines()).singleElement().asString()
        .contains("finished", ORDERS + " records in, " + ORDERS + " out");
    assertThat(committedLines(output)).containsExactlyElementsOf(expected);
    try (Stream<Path> files = Files.list(output)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .allMatch(name -> name.matches("part-0-\\d+\\.jsonl"));
    }
    try (Stream<Path> folders = Files.list(checkpoints.resolve("order-alerts"))) {
      assertThat(folders.filter(f -> f.getFileName().toString().matches("chk-\\d+")))
          .isNotEmpty()
          .allMatch(f -> Files.isRegularFile(f.resolve("_metadata")));
    }
  }

  @Test
  void when_checkpointDirAlone_then_checkpointingIsOnAndOutputDirectoryIsCreated()
      throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), ORDERS);
    List<String> expected = plainRun(input, dir.resolve("plain.jsonl"));
    Path output = dir.resolve("out");

    CliRun run = CliRun.of(orderAlerts(input, output, "--parallelism", "3",
        "--checkpoint-dir", dir.resolve("chk").toString()));

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(Files.isDirectory(output)).isTrue();
    assertThat(committedLines(output)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(dir.resolve("chk/order-alerts")).isDirectory();
  }

  @Test
  void when_restoreLatestWithoutCheckpoints_then_freshStart() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), ORDERS);
    List<String> expected = plainRun(input, dir.resolve("plain.jsonl"));
    Path output = dir.resolve("out");

    CliRun run = CliRun.of(orderAlerts(input, output, "--parallelism", "1",
        "--checkpoint-dir", dir.resolve("chk").toString(), "--restore", "latest"));

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(committedLines(output)).containsExactlyElementsOf(expected);
  }

  @Test
  void when_restoreLatestAfterFinishedRun_then_nothingIsReadAgain() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), ORDERS);
    Path output = dir.resolve("out");
    String[] args = orderAlerts(input, output, "--parallelism", "1",
        "--checkpoint-interval", "50ms", "--checkpoint-dir", dir.resolve("chk").toString(),
        "--restore", "latest");
    assertThat(CliRun.of(args).exitCode()).isZero();
    List<String> first = committedLines(output);

    CliRun again = CliRun.of(args);

    assertThat(again.exitCode()).as("stderr: %s", again.err()).isZero();
    assertThat(again.err()).contains("0 records in, 0 out");
    assertThat(committedLines(output)).isEqualTo(first).hasSize(ORDERS);
  }

  @Test
  void when_restorePathMissing_then_usageError() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), 3);
    Path missing = dir.resolve("chk/order-alerts/chk-7");

    assertUsageError(CliRun.of(orderAlerts(input, dir.resolve("out"), "--restore",
            missing.toString())),
        "runnel: restore path not found: " + missing
            + " (expected a chk-<n> or savepoint-<n> folder, or 'latest')");
  }

  @Test
  void when_restorePathIsNotACheckpoint_then_oneLineErrorAndExit1() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), 3);
    Path notACheckpoint = Files.createDirectories(dir.resolve("chk-3"));

    CliRun run = CliRun.of(orderAlerts(input, dir.resolve("out"), "--restore",
        notACheckpoint.toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("runnel: cannot restore job 'order-alerts': ")
        .contains(notACheckpoint.toString(), "not a complete checkpoint");
  }

  @Test
  void when_stateBackendRocksdb_then_keyedJobGivesTheSameOutput() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), ORDERS);
    List<String> expected = plainRun(input, dir.resolve("plain.jsonl"));
    Path output = dir.resolve("out");
    Path checkpoints = dir.resolve("chk");

    CliRun run = CliRun.of(orderAlerts(input, output, "--parallelism", "1",
        "--state-backend", "rocksdb", "--checkpoint-interval", "50ms",
        "--checkpoint-dir", checkpoints.toString(), "--rate", "3000"));

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(committedLines(output)).containsExactlyElementsOf(expected);
    // A checkpoint written by RocksDB cannot be restored on the heap: proof it was RocksDB.
    CliRun onHeap = CliRun.of(orderAlerts(input, dir.resolve("out2"), "--parallelism", "1",
        "--checkpoint-dir", checkpoints.toString(), "--restore", "latest"));
    assertThat(onHeap.exitCode()).isEqualTo(1);
    assertThat(onHeap.err()).contains("written by the rocksdb backend");
  }

  @Test
  void when_stateBackendWithoutCheckpoints_then_applied() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), ORDERS);
    List<String> expected = plainRun(input, dir.resolve("plain.jsonl"));
    Path output = dir.resolve("out.jsonl");

    CliRun run = CliRun.of(orderAlerts(input, output, "--parallelism", "2",
        "--state-backend", "rocksdb"));

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(Files.readAllLines(output)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void when_stateBackendUnknown_then_usageErrorListingTheAvailableOnes() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), 3);

    assertUsageError(CliRun.of(orderAlerts(input, dir.resolve("out"), "--state-backend", "nope")),
        "runnel: invalid value 'nope' for option --state-backend: available: heap, rocksdb");
  }

  @Test
  void when_checkpointIntervalBad_then_usageErrorNamingOptionAndValue() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), 3);
    Path output = dir.resolve("out");

    assertUsageError(CliRun.of(orderAlerts(input, output, "--checkpoint-interval", "often")),
        "runnel: invalid value 'often' for option --checkpoint-interval: expected a duration "
            + "such as 500ms, 10s, 5m, 1h, 2d or PT1M30S");
    assertUsageError(CliRun.of(orderAlerts(input, output, "--checkpoint-interval", "PT-5S")),
        "runnel: invalid value 'PT-5S' for option --checkpoint-interval: must not be negative");
    assertUsageError(CliRun.of(orderAlerts(input, output, "--checkpoint-interval", "0")),
        "runnel: invalid value '0' for option --checkpoint-interval: must be at least 1ms");
    assertUsageError(CliRun.of(orderAlerts(input, output, "--restart-delay", "1 s")),
        "runnel: invalid value '1 s' for option --restart-delay: expected a duration "
            + "such as 500ms, 10s, 5m, 1h, 2d or PT1M30S");
    assertUsageError(CliRun.of(orderAlerts(input, output, "--restart-attempts", "-1")),
        "runnel: invalid value '-1' for option --restart-attempts: must not be negative");
  }

  @Test
  void when_savepointOnCancelWithoutCheckpointing_then_usageError() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), 3);

    assertUsageError(CliRun.of(orderAlerts(input, dir.resolve("out"), "--savepoint-on-cancel")),
        "runnel: --savepoint-on-cancel needs checkpointing: add --checkpoint-interval or "
            + "--checkpoint-dir");
  }

  @Test
  void when_checkpointingAndOutputIsAFile_then_usageError_andWithoutItADirectoryIsRefused()
      throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), 3);
    Path file = Files.writeString(dir.resolve("out.jsonl"), "old\n");
    Path directory = Files.createDirectory(dir.resolve("out"));

    assertUsageError(CliRun.of(orderAlerts(input, file, "--checkpoint-interval", "1s")),
        "runnel: output is a file, not a directory (with checkpointing the output is a "
            + "directory of part files): " + file);
    assertUsageError(CliRun.of(orderAlerts(input, directory)),
        "runnel: output is a directory, not a file: " + directory);
  }

  @Test
  void when_rateNotPositiveOrNotANumber_then_usageError() throws IOException {
    Path input = orders(dir.resolve("orders.jsonl"), 3);
    Path output = dir.resolve("out.jsonl");

    assertUsageError(CliRun.of(orderAlerts(input, output, "--rate", "0")),
        "runnel: invalid value '0' for option --rate: must be at least 1");
    assertUsageError(CliRun.of(orderAlerts(input, output, "--rate", "-5")),
        "runnel: invalid value '-5' for option --rate: must be at least 1");
    assertUsageError(CliRun.of(orderAlerts(input, output, "--rate", "fast")),
        "runnel: invalid value for option '--rate': 'fast' is not a long");
  }

  @Test
  void when_rate_then_inputIsReadNoFasterOnEveryKindOfJob() throws IOException {
    // 30 records at 20 per second take about 1.5 s; without the limit a few milliseconds.
    Path orders = orders(dir.resolve("orders.jsonl"), 30);
    long start = System.nanoTime();
    CliRun run = CliRun.of(orderAlerts(orders, dir.resolve("alerts.jsonl"), "--rate", "20"));
    long orderAlertsMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("alerts.jsonl"))).hasSize(30);
    assertThat(orderAlertsMillis).isGreaterThanOrEqualTo(1000);

    // An event-time job, whose source EventTimeJobIo builds.
    List<String> amounts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      amounts.add("{\"order_id\":\"o" + i + "\",\"customer_id\":\"c" + (i % 3)
          + "\",\"total_amount\":5,\"timestamp\":\"2026-01-01T10:00:" + (10 + i) + "Z\"}");
    }
    Path timed = Files.write(dir.resolve("timed.jsonl"), amounts);
    start = System.nanoTime();
    CliRun totals = CliRun.of("run", "running-totals", "--input", timed.toString(), "--output",
        dir.resolve("totals.jsonl").toString(), "--rate", "20");
    long totalsMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(totals.exitCode()).as("stderr: %s", totals.err()).isZero();
    assertThat(totals.err()).contains("30 records in");
    assertThat(totalsMillis).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void when_restartAttempts_then_failingJobIsRestartedAfterTheDelayBeforeFailing()
      throws IOException {
    Path input = Files.write(dir.resolve("bad.jsonl"), List.of("{not json"));
    Path output = dir.resolve("out.jsonl");

    long start = System.nanoTime();
    CliRun run = CliRun.of(orderAlerts(input, output, "--restart-attempts", "2",
        "--restart-delay", "400ms"));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("runnel: job 'order-alerts' failed: ");
    assertThat(millis).as("two restarts 400 ms apart").isGreaterThanOrEqualTo(800);
  }

  @Test
  void when_jobHelp_then_checkpointOptionsAreListed() {
    CliRun run = CliRun.of("run", "word-count", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--rate=N", "--checkpoint-interval=DURATION",
        "--checkpoint-dir=DIR", "--restore=PATH|latest", "--allow-non-restored-state",
        "--state-backend=NAME", "Default: heap", "--savepoint-on-cancel",
        "--restart-attempts=N", "--restart-delay=DURATION", "directory", "part files");
  }
}
