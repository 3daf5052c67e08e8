package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing, help and usage errors of the runnel command, run in-process. */
class RunnelCommandTest {
  @TempDir Path dir;

  private Path input() throws IOException {
    return Files.write(dir.resolve("orders.jsonl"),
        List.of("{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":20}"));
  }

  /** Asserts the run was a usage error: exit 2, nothing on stdout, exactly one line on stderr. */
  private static void assertUsageError(CliRun run, String expectedLine) {
    assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly(expectedLine);
  }

  @Test
  void when_list_then_oneLinePerJobWithPaddedNameAndDescription() {
    CliRun run = CliRun.of("list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.outLines()).anySatisfy(line -> assertThat(line)
        .matches("order-alerts {2,}Running total and order count per customer.*"));
    assertThat(run.outLines()).extracting(line -> line.split(" ")[0]).containsSubsequence(
        "customer-sessions", "error-alerts", "fraud-detection", "high-value-orders",
        "hourly-order-totals", "order-alerts", "running-totals", "user-activity-stats",
        "word-count");
    int descriptionColumn = run.outLines().stream().filter(line -> line.startsWith("order-alerts"))
        .findFirst().orElseThrow().indexOf("Running total");
    assertThat(run.outLines()).allSatisfy(line -> assertThat(line.charAt(descriptionColumn - 1))
        .isEqualTo(' '));
  }

  @Test
  void when_jobHelp_then_everyJobOptionIsShownWithItsDefault() {
    CliRun run = CliRun.of("run", "error-alerts", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--threshold", "Default: 3", "--window", "Default: 15s",
        "--out-of-orderness", "Default: 5s", "--watermark-interval", "--max-future", "Default: 1d",
        "--late-output", "--dead-letter-output", "--parallelism");
  }

  @Test
  void when_durationOptionIsBad_then_usageErrorNamingOptionAndValue() throws Exception {
    Path input = Files.createTempFile("runnel-cli", ".jsonl");
    try {
      CliRun run = CliRun.of("run", "running-totals", "--input", input.toString(),
          "--output", input + ".out", "--out-of-orderness", "ten seconds");

      assertUsageError(run, "runnel: invalid value 'ten seconds' for option --out-of-orderness: "
          + "expected a duration such as 500ms, 10s, 5m, 1h, 2d or PT1M30S");
    } finally {
      Files.deleteIfExists(input);
    }
  }

  @Test
  void when_version_then_versionLineAndExit0() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("runnel ");
  }

  @Test
  void when_help_then_commandsAreListed() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("list", "run", "demo");
  }

  @Test
  void when_helpOfEachCommand_then_exit0() {
    for (String[] args : List.of(
        new String[] {"list", "--help"},
        new String[] {"run", "--help"},
        new String[] {"demo", "--help"},
        new String[] {"run", "order-alerts", "--help"})) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: runnel");
    }
  }

  @Test
  void when_runHelp_then_jobsAreListed() {
    assertThat(CliRun.of("run", "--help").out()).contains("order-alerts");
  }

  @Test
  void when_jobHelp_then_commonAndJobOptionsAreListedWithDefaults() {
    CliRun run = CliRun.of("run", "order-alerts", "--help");

    assertThat(run.out())
        .contains("--input=FILE", "--output=FILE", "--parallelism=N")
        .contains("--threshold=<threshold>", "Default: 500")
        .contains("--dead-letter-output=<dead-letter-output>");
  }

  @Test
  void when_demoHelp_then_jobRateAndThresholdAreListed() {
    assertThat(CliRun.of("demo", "--help").out())
        .contains("--job=JOB", "Default: order-alerts", "order-alerts, hourly-order-totals")
        .contains("--rate=N", "Default: 20", "--threshold=AMOUNT", "Default: 500");
  }

  @Test
  void when_noCommand_then_usageError() {
    assertUsageError(CliRun.of(),
        "runnel: missing command: list, run, savepoint, demo or kafka (see 'runnel --help')");
  }

  @Test
  void when_unknownCommand_then_usageError() {
    assertUsageError(CliRun.of("frobnicate"),
        "runnel: unknown command 'frobnicate' (see 'runnel --help')");
  }

  @Test
  void when_runWithoutJob_then_usageError() {
    assertUsageError(CliRun.of("run"), "runnel: missing job name (see 'runnel list')");
  }

  @Test
  void when_unknownJob_then_usageErrorNamingTheJob() {
    assertUsageError(CliRun.of("run", "foo", "--input", "in", "--output", "out"),
        "runnel: unknown job 'foo' (see 'runnel list')");
  }

  @Test
  void when_unknownJobOption_then_usageErrorNamingTheOption() throws IOException {
    CliRun run = CliRun.of("run", "order-alerts", "--input", input().toString(),
        "--output", dir.resolve("out").toString(), "--treshold", "5");

    assertUsageError(run, "runnel: unknown option '--treshold' for 'runnel run order-alerts' "
        + "(see 'runnel run order-alerts --help')");
  }

  @Test
  void when_unknownTopLevelOption_then_usageError() {
    assertUsageError(CliRun.of("--verbose", "list"),
        "runnel: unknown option '--verbose' for 'runnel' (see 'runnel --help')");
  }

  @Test
  void when_inputFileMissing_then_usageErrorNamingTheFile() {
    Path missing = dir.resolve("nope.jsonl");

    assertUsageError(
        CliRun.of("run", "order-alerts", "--input", missing.toString(), "--output",
            dir.resolve("out").toString()),
        "runnel: input file not found: " + missing);
  }

  @Test
  void when_outputDirectoryMissing_then_usageError() throws IOException {
    Path output = dir.resolve("no/such/dir/out.jsonl");

    assertUsageError(
        CliRun.of("run", "order-alerts", "--input", input().toString(), "--output",
            output.toString()),
        "runnel: output directory not found: " + output.getParent());
  }

  @Test
  void when_requiredOptionMissing_then_usageErrorNamingIt() throws IOException {
    assertUsageError(CliRun.of("run", "order-alerts", "--input", input().toString()),
        "runnel: missing required option --output (see 'runnel run order-alerts --help')");
  }

  @Test
  void when_optionValueMissing_then_usageError() throws IOException {
    CliRun run = CliRun.of("run", "order-alerts", "--output", "out", "--input");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).startsWith("runnel: ").contains("--input");
  }

  @Test
  void when_thresholdNotANumber_then_usageErrorNamingOptionAndValue() throws IOException {
    CliRun run = CliRun.of("run", "order-alerts", "--input", input().toString(),
        "--output", dir.resolve("out").toString(), "--threshold", "abc");

    assertUsageError(run, "runnel: invalid value 'abc' for option --threshold: not a number");
  }

  @Test
  void when_parallelismNotANumber_then_usageError() throws IOException {
    CliRun run = CliRun.of("run", "order-alerts", "--input", input().toString(),
        "--output", dir.resolve("out").toString(), "--parallelism", "two");

    assertUsageError(run,
        "runnel: invalid value for option '--parallelism': 'two' is not an int");
  }

  @Test
  void when_parallelismZero_then_usageError() throws IOException {
    CliRun run = CliRun.of("run", "order-alerts", "--input", input().toString(),
        "--output", dir.resolve("out").toString(), "--parallelism", "0");

    assertUsageError(run, "runnel: invalid value '0' for option --parallelism: must be at least 1");
  }

  @Test
  void when_outputIsTheInput_then_usageError() throws IOException {
    Path input = input();

    assertUsageError(
        CliRun.of("run", "order-alerts", "--input", input.toString(), "--output",
            input.toString()),
        "runnel: output file is the input file: " + input);
  }

  @Test
  void when_demoRateNotPositive_then_usageError() {
    assertUsageError(CliRun.of("demo", "--rate", "0"),
        "runnel: invalid value '0' for option --rate: must be a number above 0");
  }

  @Test
  void when_extraArgumentAfterJob_then_usageError() throws IOException {
    CliRun run = CliRun.of("run", "order-alerts", "--input", input().toString(),
        "--output", dir.resolve("out").toString(), "stray");

    assertUsageError(run,
        "runnel: unexpected argument 'stray' (see 'runnel run order-alerts --help')");
  }
}
