package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code runnel run high-value-orders} over random out-of-order orders and checks each
 * customer's window counts and totals of orders above the minimum, and the late high-value
 * orders, against a plain model of per-customer tumbling windows.
 */
class HighValueOrdersEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long WINDOW = 300_000;
  private static final long BOUND = 30_000;
  private static final long MIN_CENTS = 100_00;

  @TempDir Path dir;

  private record In(String customer, long cents, long timestamp, String line) {}

  /** Per "customer window_end": "count total". */
  private static Map<String, String> model(List<In> orders, List<String> late) {
    long[] watermarks =
        SourceWatermarks.before(orders.stream().map(In::timestamp).toList(), BOUND);
    Map<String, long[]> windows = new HashMap<>();
    for (int i = 0; i < orders.size(); i++) {
      In o = orders.get(i);
      if (o.cents() <= MIN_CENTS) {
        continue;
      }
      long end = Math.floorDiv(o.timestamp(), WINDOW) * WINDOW + WINDOW;
      if (watermarks[i] != Long.MIN_VALUE && end - 1 <= watermarks[i]) {
        late.add(o.line());
        continue;
      }
      long[] w = windows.computeIfAbsent(o.customer() + " " + Instant.ofEpochMilli(end),
          k -> new long[2]);
      w[0]++;
      w[1] += o.cents();
    }
    Map<String, String> out = new HashMap<>();
    windows.forEach((key, w) -> out.put(key,
        w[0] + " " + BigDecimal.valueOf(w[1], 2).stripTrailingZeros().toPlainString()));
    return out;
  }

  @Test
  void when_outOfOrderOrders_then_windowsCountOnlyOrdersAboveTheMinimum() throws IOException {
    Random random = new Random(3L);
    List<In> orders = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      long ts = START + i * 5_000L + random.nextInt(40_000) - 20_000;
      if (random.nextInt(15) == 0) {
        ts -= random.nextInt(600_000); // some on time, some late
      }
      String customer = "c" + random.nextInt(10);
      // Around the minimum, exactly 100.00 included (not above, so not counted).
      long cents = random.nextInt(10) == 0 ? MIN_CENTS : 1 + random.nextInt(25_000);
      String line = "{\"order_id\":" + i + ",\"customer_id\":\"" + customer
          + "\",\"total_amount\":" + BigDecimal.valueOf(cents, 2).toPlainString()
          + ",\"timestamp\":" + SourceWatermarks.json(ts, i) + "}";
      orders.add(new In(customer, cents, ts, line));
    }
    Path input = Files.write(dir.resolve("orders.jsonl"), orders.stream().map(In::line).toList());
    Path output = dir.resolve("high-value.jsonl");
    Path lateFile = dir.resolve("late.jsonl");

    CliRun run = CliRun.of("run", "high-value-orders", "--input", input.toString(),
        "--output", output.toString(), "--late-output", lateFile.toString(),
        "--parallelism", "2", "--watermark-interval", "0", "--out-of-orderness", "30s");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    List<String> late = new ArrayList<>();
    Map<String, String> expected = model(orders, late);
    Map<String, String> actual = new HashMap<>();
    for (String line : Files.readAllLines(output)) {
      JsonNode node = MAPPER.readTree(line);
      assertThat(node.size()).isEqualTo(4);
      String key = node.get("customer_id").asText() + " "
          + Instant.parse(node.get("window_end").asText());
      String value = node.get("order_count").asLong() + " "
          + node.get("total_amount").decimalValue().stripTrailingZeros().toPlainString();
      assertThat(actual.put(key, value)).as("window %s twice", key).isNull();
    }
    assertThat(late).hasSizeGreaterThan(5);
    assertThat(Files.readAllLines(lateFile)).containsExactlyInAnyOrderElementsOf(late);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void when_minAmountIsNotANumber_then_commandLineError() throws IOException {
    Path input = Files.writeString(dir.resolve("orders.jsonl"), "");
    CliRun run = CliRun.of("run", "high-value-orders", "--input", input.toString(), "--output",
        dir.resolve("out.jsonl").toString(), "--min-amount", "lots");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--min-amount", "lots");
  }
}
