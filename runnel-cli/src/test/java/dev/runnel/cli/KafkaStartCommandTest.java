package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KafkaStartCommandTest {
  private static final Pattern BOOTSTRAP = Pattern.compile("^bootstrap: (127\\.0\\.0\\.1:(\\d+))$",
      Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void when_startedWithADir_then_itPrintsTheBootstrapLine_and_topicsAndRecordsSurviveARestart()
      throws Exception {
    Path data = dir.resolve("kafka-data");
    Path input = dir.resolve("lines.txt");
    Files.writeString(input, "one\ntwo\nthree\n");

    String bootstrap;
    try (RunningBroker broker = RunningBroker.start("--port", "0", "--dir", data.toString())) {
      bootstrap = broker.bootstrap;
      assertThat(CliRun.of("kafka", "topics", "--create", "kept", "--partitions", "2",
          "--bootstrap-servers", bootstrap).exitCode()).isZero();
      assertThat(CliRun.of("kafka", "produce", "kept", "--input", input.toString(),
          "--bootstrap-servers", bootstrap).exitCode()).isZero();
      broker.stop();
      assertThat(broker.err()).contains("runnel: kafka: broker stopped");
    }
    assertThat(data).isDirectory();

    String port = bootstrap.substring(bootstrap.indexOf(':') + 1);
    try (RunningBroker again = RunningBroker.start("--port", port, "--dir", data.toString())) {
      assertThat(again.bootstrap).isEqualTo(bootstrap);
      CliRun list = CliRun.of("kafka", "topics", "--list", "--bootstrap-servers", bootstrap);
      assertThat(list.outLines()).containsExactly("kept");
      CliRun consume = CliRun.of("kafka", "consume", "kept", "--from-beginning", "--max", "3",
          "--timeout", "20s", "--bootstrap-servers", bootstrap);
      assertThat(consume.exitCode()).isZero();
      assertThat(consume.outLines()).containsExactlyInAnyOrder("one", "two", "three");
      again.stop();
    }
  }

  @Test
  void when_portIsTaken_then_oneLineAndExit1() throws Exception {
    try (RunningBroker broker = RunningBroker.start("--port", "0")) {
      String port = broker.bootstrap.substring(broker.bootstrap.indexOf(':') + 1);
      CliRun second = CliRun.of("kafka", "start", "--port", port);

      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.errLines()).containsExactly(
          "runnel: kafka: port " + port + " is already in use: is another Kafka running there?");
      broker.stop();
    }
  }

  @Test
  void when_portIsOutOfRange_then_usageError() {
    CliRun run = CliRun.of("kafka", "start", "--port", "70000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly(
        "runnel: invalid value '70000' for option --port: must be between 0 and 65535");
  }

  /** {@code runnel kafka start} on a thread of its own, stopped as Ctrl-C would stop it. */
  private static final class RunningBroker implements AutoCloseable {
    private final KafkaStartCommand command;
    private final CompletableFuture<Integer> exitCode;
    private final ByteArrayOutputStream out;
    private final ByteArrayOutputStream err;
    private final String bootstrap;

    private RunningBroker(KafkaStartCommand command, CompletableFuture<Integer> exitCode,
        ByteArrayOutputStream out, ByteArrayOutputStream err, String bootstrap) {
      this.command = command;
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
      this.bootstrap = bootstrap;
    }

    static RunningBroker start(String... args) throws Exception {
      KafkaStartCommand command = new KafkaStartCommand();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CommandLine commandLine = new CommandLine(command);
      commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
      commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
      CompletableFuture<Integer> exitCode =
          CompletableFuture.supplyAsync(() -> commandLine.execute(args));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Matcher m = BOOTSTRAP.matcher("");
      while (!(m = BOOTSTRAP.matcher(out.toString(StandardCharsets.UTF_8))).find()) {
        assertThat(exitCode).as("the broker ended: %s", err).isNotDone();
        assertThat(System.nanoTime()).as("no bootstrap line within 60 s").isLessThan(deadline);
        Thread.sleep(20);
      }
      // Standard output holds the bootstrap line and nothing else.
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(m.group() + System.lineSeparator());
      return new RunningBroker(command, exitCode, out, err, m.group(1));
    }

    void stop() throws Exception {
      command.stop();
      assertThat(exitCode.get(30, TimeUnit.SECONDS)).isZero();
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
      if (!exitCode.isDone()) {
        command.stop();
        exitCode.get(30, TimeUnit.SECONDS);
      }
    }
  }
}
