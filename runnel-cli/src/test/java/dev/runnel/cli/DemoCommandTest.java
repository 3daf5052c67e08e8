package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.examples.customers.CustomerOrder;
import dev.runnel.examples.customers.FastOrderGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
  @Test
  void when_demoRuns_then_itPrintsJsonResultsUntilCancelled() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoCommand demo = new DemoCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
    new CommandLine(demo).parseArgs("--rate", "2000", "--threshold", "1000");

    JobHandle job = demo.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (printed.toString(StandardCharsets.UTF_8).lines().count() < 200
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    job.cancel();
    JobResult result = job.await(Duration.ofSeconds(20));

    assertThat(result.status()).isEqualTo(JobStatus.CANCELLED);
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(200);
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Long> lastCount = new HashMap<>();
    for (String line : lines) {
      JsonNode node = mapper.readTree(line);
      String user = node.get("customer_id").asText();
      long count = node.get("count").asLong();
      assertThat(count).as("count of %s", user).isEqualTo(lastCount.getOrDefault(user, 0L) + 1);
      lastCount.put(user, count);
      BigDecimal total = new BigDecimal(node.get("total").asText());
      assertThat(node.get("alert").asBoolean())
          .isEqualTo(total.compareTo(BigDecimal.valueOf(1000)) > 0);
    }
  }

  @Test
  void when_hourlyOrderTotalsDemoRuns_then_itPrintsCompleteHourlyWindowsUntilCancelled()
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoCommand demo = new DemoCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
    new CommandLine(demo).parseArgs("--job", "hourly-order-totals", "--rate", "2000");

    JobHandle job = demo.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (printed.toString(StandardCharsets.UTF_8).lines().count() < 100
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    job.cancel();
    JobResult result = job.await(Duration.ofSeconds(20));

    assertThat(result.status()).isEqualTo(JobStatus.CANCELLED);
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(100);
    // Recount each printed window from the generated orders: one order per minute of event
    // time, so the orders of an hour are those numbered from 60 × its index on.
    ObjectMapper mapper = new ObjectMapper();
    long epoch = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    for (String line : lines) {
      JsonNode node = mapper.readTree(line);
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
  void when_unknownDemoJob_then_usageError() {
    CliRun run = CliRun.of("demo", "--job", "word-count");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--job", "word-count", "order-alerts, hourly-order-totals");
  }
}
