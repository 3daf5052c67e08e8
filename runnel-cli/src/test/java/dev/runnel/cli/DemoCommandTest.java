package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.examples.customers.CustomerOrder;
import dev.runnel.examples.customers.FastOrderGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void when_demoRuns_then_alertsFlowThroughKafkaExactlyOnceInOrder_andItStopsCleanly()
      throws Exception {
    List<String> lines = runDemo(200, "--rate", "400", "--threshold", "1000");

    Map<String, Long> lastCount = new HashMap<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      String user = node.get("customer_id").asText();
      long count = node.get("count").asLong();
      // Every order once, in order: exactly-once through Kafka, keyed by customer.
      assertThat(count).as("count of %s", user).isEqualTo(lastCount.getOrDefault(user, 0L) + 1);
      lastCount.put(user, count);
      BigDecimal total = new BigDecimal(node.get("total").asText());
      assertThat(node.get("alert").asBoolean())
          .isEqualTo(total.compareTo(BigDecimal.valueOf(1000)) > 0);
    }
  }

  @Test
  void when_hourlyOrderTotalsDemoRuns_then_itPrintsCompleteHourlyWindowsFromKafka()
      throws Exception {
    List<String> lines = runDemo(60, "--job", "hourly-order-totals", "--rate", "1000");

    // Recount each printed window from the generated orders: one order per minute of event
    // time, so the orders of an hour are those numbered from 60 × its index on.
    long epoch = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      long start = Instant.parse(node.get("window_start").asText()).toEpochMilli();
      long end = Instant.parse(node.get("window_end").asText()).toEpochMilli();
      assertThat(end - start).isEqualTo(Duration.ofHours(1).toMillis());
      String customer = node.get("customer_id").asText();
      long count = 0;
      BigDecimal total = BigDecimal.ZERO;
      long first = (start - epoch) / FastOrderGenerator.MILLIS_PER_ORDER;
      for (long i = Math.max(0, first - 1); i <= first + 61; i++) {
        CustomerOrder order = FastOrderGenerator.order(i);
        if (order.customerId().equals(customer) && order.timestamp() >= start
            && order.timestamp() < end) {
          count++;
          total = total.add(order.amount());
        }
      }
      assertThat(node.get("count").asLong()).as(line).isEqualTo(count);
      assertThat(new BigDecimal(node.get("total").asText())).as(line).isEqualByComparingTo(total);
    }
  }

  @Test
  void when_demoIsStartedAsACommandAndGetsSigterm_then_bannerResultsAndACleanStop()
      throws Exception {
    Path out = dir.resolve("demo.out");
    Path err = dir.resolve("demo.err");
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            RunnelCommand.class.getName(), "demo", "--rate", "200")
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (Files.readAllLines(out).size() < 20 && System.nanoTime() < deadline
          && process.isAlive()) {
        Thread.sleep(50);
      }
      assertThat(Files.readAllLines(out)).as("results; stderr: %s", Files.readString(err))
          .hasSizeGreaterThanOrEqualTo(20);
      process.destroy(); // SIGTERM, as Ctrl-C ends it: through the shutdown hook
      assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    List<String> errLines = Files.readAllLines(err);
    assertThat(errLines).hasSize(2);
    assertThat(errLines.get(0)).startsWith("runnel: demo: Kafka 127.0.0.1:")
        .contains("-> topic orders -> order-alerts", "exactly-once", "-> topic alerts ->",
            "read_committed", "Ctrl-C to stop");
    assertThat(errLines.get(1)).matches("runnel: demo stopped after \\d+ orders and \\d+ results");
    // 128 + 15: the JVM's code for an exit on SIGTERM, after the shutdown hook stopped the demo.
    assertThat(process.exitValue()).isEqualTo(143);
    for (String line : Files.readAllLines(out)) {
      assertThat(JSON.readTree(line).has("total")).as(line).isTrue();
    }
  }

  @Test
  void when_unknownDemoJob_then_usageError() {
    CliRun run = CliRun.of("demo", "--job", "word-count");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--job", "word-count", "order-alerts, hourly-order-totals");
  }

  /**
   * Starts the demo with {@code args}, prints its results until there are at least {@code
   * atLeast}, stops it as Ctrl-C would, and returns what was printed.
   */
  private static List<String> runDemo(int atLeast, String... args) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoCommand command = new DemoCommand(System.out);
    new CommandLine(command).parseArgs(args);
    JobResult result;
    try (KafkaDemo demo = command.start()) {
      assertThat(demo.embedded()).isTrue();
      PrintWriter out = new PrintWriter(
          new PrintStream(printed, true, StandardCharsets.UTF_8), true);
      CompletableFuture<Long> printing = CompletableFuture.supplyAsync(() -> demo.print(out));
      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      while (lines(printed).size() < atLeast && System.nanoTime() < deadline
          && !printing.isDone()) {
        Thread.sleep(20);
      }
      demo.stop();
      long count = printing.get(10, TimeUnit.SECONDS);
      result = demo.shutDown();
      assertThat(lines(printed)).hasSize((int) count);
    }
    assertThat(result.status()).isEqualTo(JobStatus.CANCELLED);
    List<String> lines = lines(printed);
    assertThat(lines).hasSizeGreaterThanOrEqualTo(atLeast);
    return lines;
  }

  private static List<String> lines(ByteArrayOutputStream printed) {
    return new ArrayList<>(printed.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
