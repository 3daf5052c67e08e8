package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runnel run JOB --input - --output -} in a real pipe: the command runs in a child JVM whose
 * standard input and output are pipes held by this test, as {@code cat orders.jsonl | bin/runnel
 * run order-alerts --input - --output - | …} would have them.
 */
class StandardStreamsEndToEndTest {
  private static final String END = "<end of output>";

  @TempDir Path dir;

  private static String order(int i, String user, int amount) {
    return "{\"order_id\":\"o-" + i + "\",\"user_id\":\"" + user + "\",\"amount\":" + amount + "}";
  }

  @Test
  void when_inputAndOutputAreDash_then_resultsComeThroughThePipeAsOrdersArrive()
      throws Exception {
    Process child = child("run", "order-alerts", "--input", "-", "--output", "-",
        "--parallelism", "2", "--threshold", "25");
    BlockingQueue<String> out = lines(child);
    OutputStream in = child.getOutputStream();

    in.write((order(1, "u-1", 10) + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    String firstResult = out.poll(30, TimeUnit.SECONDS);
    in.write((order(2, "u-1", 20) + "\n" + order(3, "u-2", 5) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    in.close();
    List<String> rest = drain(out);

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(err).isZero();
    assertThat(firstResult).as("the first result arrives while the input is still open")
        .isEqualTo("{\"order_id\":\"o-1\",\"customer_id\":\"u-1\",\"amount\":10,\"total\":10,"
            + "\"count\":1,\"alert\":false}");
    assertThat(rest).containsExactlyInAnyOrder(
        "{\"order_id\":\"o-2\",\"customer_id\":\"u-1\",\"amount\":20,\"total\":30,\"count\":2,"
            + "\"alert\":true}",
        "{\"order_id\":\"o-3\",\"customer_id\":\"u-2\",\"amount\":5,\"total\":5,\"count\":1,"
            + "\"alert\":false}");
    assertThat(err.lines().toList()).as("the summary goes to stderr, not into the results")
        .singleElement().asString()
        .startsWith("runnel: job 'order-alerts' finished").endsWith("3 records in, 3 out");
  }

  @Test
  void when_devStdinAndDevStdoutArePipes_then_theyAreReadAndWrittenAsStreams() throws Exception {
    Process child = child("run", "order-alerts", "--input", "/dev/stdin",
        "--output", "/dev/stdout", "--parallelism", "1");
    BlockingQueue<String> out = lines(child);
    try (OutputStream in = child.getOutputStream()) {
      in.write((order(1, "u-1", 1) + "\n" + order(2, "u-1", 2) + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    List<String> results = drain(out);

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(err).isZero();
    assertThat(results).hasSize(2).last().asString().contains("\"total\":3");
  }

  @Test
  void when_standardInputHasABadLine_then_failureNamesStdinAndLine() throws Exception {
    Process child = child("run", "order-alerts", "--input", "-", "--output", "-",
        "--parallelism", "1");
    BlockingQueue<String> out = lines(child);
    try (OutputStream in = child.getOutputStream()) {
      in.write((order(1, "u-1", 1) + "\n{\"order_id\":\"o-2\"}\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    List<String> results = drain(out);

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).isEqualTo(1);
    assertThat(results).as("the result before the bad line was printed").hasSize(1);
    assertThat(err).startsWith("runnel: job 'order-alerts' failed: <stdin>:2: "
        + "field 'customer_id' is missing; the results printed before the failure stand");
  }

  @Test
  void when_dashIsUsedWithCheckpointing_then_exit2SaysWhy() {
    CliRun input = CliRun.of("run", "order-alerts", "--input", "-",
        "--output", dir.resolve("out").toString(), "--checkpoint-dir", dir.toString());
    CliRun output = CliRun.of("run", "order-alerts", "--input", "pom.xml",
        "--output", "-", "--checkpoint-interval", "1s");
    CliRun deadLetters = CliRun.of("run", "order-alerts", "--input", "pom.xml",
        "--output", dir.resolve("out").toString(), "--dead-letter-output", "-",
        "--checkpoint-interval", "1s");

    assertThat(input.exitCode()).isEqualTo(2);
    assertThat(input.errLines()).singleElement().asString()
        .startsWith("runnel: --input - can be read only once, so it cannot be used with "
            + "checkpointing");
    assertThat(output.exitCode()).isEqualTo(2);
    assertThat(output.errLines()).singleElement().asString()
        .startsWith("runnel: --output - (standard output) cannot be used with checkpointing");
    assertThat(deadLetters.exitCode()).isEqualTo(2);
    assertThat(deadLetters.errLines()).singleElement().asString()
        .startsWith("runnel: standard output ('-') cannot be an output with checkpointing");
  }

  private static Process child(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RunnelCommand.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  /** The child's standard output, line by line as it comes, then {@link #END}. */
  private static BlockingQueue<String> lines(Process child) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("read failed: " + e);
      }
      lines.add(END);
    }, "child-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static List<String> drain(BlockingQueue<String> lines) throws InterruptedException {
    List<String> all = new ArrayList<>();
    while (true) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      if (line == null || line.equals(END)) {
        return all;
      }
      all.add(line);
    }
  }
}
