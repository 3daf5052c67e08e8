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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code runnel run hourly-order-totals} with allowed lateness over random out-of-order
 * orders and checks, per customer and window, the sequence of lines written (a late-but-allowed
 * order writes its window again) and the late orders, against a plain model of event-time
 * tumbling windows.
 */
class HourlyOrderTotalsEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long WINDOW = 3_600_000;
  private static final long BOUND = 30_000;
  private static final long LATENESS = 600_000;

  @TempDir Path dir;

  private record In(String customer, long cents, long timestamp, String line) {}

  /** Lines per "customer window_start", in order, as "count total". */
  private static Map<String, List<String>> model(List<In> orders, Set<String> late) {
    long[] watermarks =
        SourceWatermarks.before(orders.stream().map(In::timestamp).toList(), BOUND);
    Map<String, long[]> windows = new HashMap<>(); // key -> {count, cents, start}
    Map<String, List<String>> out = new HashMap<>();
    long previousWm = Long.MIN_VALUE;
    for (int i = 0; i <= orders.size(); i++) {
      long wm = i < orders.size() ? watermarks[i] : Long.MAX_VALUE;
      if (wm > previousWm) {
        for (Map.Entry<String, long[]> w : windows.entrySet()) {
          long maxTs = w.getValue()[2] + WINDOW - 1;
          if (maxTs > previousWm && maxTs <= wm) {
            emit(out, w.getKey(), w.getValue());
          }
        }
        final long now = wm;
        windows.values().removeIf(w -> now != Long.MAX_VALUE && w[2] + WINDOW - 1 + LATENESS <= now);
        previousWm = wm;
      }
      if (i == orders.size()) {
        break;
      }
      In order = orders.get(i);
      long start = Math.floorDiv(order.timestamp(), WINDOW) * WINDOW;
      long maxTs = start + WINDOW - 1;
      if (wm != Long.MIN_VALUE && maxTs + LATENESS <= wm) {
        late.add(order.line());
        continue;
      }
      String key = order.customer() + " " + Instant.ofEpochMilli(start);
      long[] w = windows.computeIfAbsent(key, k -> new long[] {0, 0, start});
      w[0]++;
      w[1] += order.cents();
      if (wm != Long.MIN_VALUE && maxTs <= wm) {
        emit(out, key, w);
      }
    }
    return out;
  }

  private static void emit(Map<String, List<String>> out, String key, long[] w) {
    out.computeIfAbsent(key, k -> new ArrayList<>())
        .add(w[0] + " " + BigDecimal.valueOf(w[1], 2).stripTrailingZeros().toPlainString());
  }

  @Test
  void when_lateOrdersWithinAllowedLateness_then_windowsAreWrittenAgainWithUpdatedTotals()
      throws IOException {
    Random random = new Random(2026L);
    List<In> orders = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      long ts = START + i * 20_000L + random.nextInt(50_000) - 25_000;
      if (random.nextInt(15) == 0) {
        ts -= random.nextInt(1_200_000); // up to 20 minutes behind: some allowed, some too late
      }
      String customer = "c" + random.nextInt(12);
      long cents = 1 + random.nextInt(40_000);
      String line = "{\"order_id\":\"o" + i + "\",\"customer_id\":\"" + customer
          + "\",\"total\":" + BigDecimal.valueOf(cents, 2).toPlainString()
          + ",\"category\":\"books\",\"timestamp\":" + SourceWatermarks.json(ts, i) + "}";
      orders.add(new In(customer, cents, ts, line));
    }
    Path input = Files.write(dir.resolve("orders.jsonl"), orders.stream().map(In::line).toList());
    Path output = dir.resolve("totals.jsonl");
    Path lateFile = dir.resolve("late.jsonl");

    CliRun run = CliRun.of("run", "hourly-order-totals", "--input", input.toString(),
        "--output", output.toString(), "--late-output", lateFile.toString(),
        "--parallelism", "2", "--watermark-interval", "0", "--allowed-lateness", "10m");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    Set<String> late = new HashSet<>();
    Map<String, List<String>> expected = model(orders, late);
    Map<String, List<String>> actual = new HashMap<>();
    for (String line : Files.readAllLines(output)) {
      JsonNode node = MAPPER.readTree(line);
      assertThat(node.size()).isEqualTo(5);
      long start = Instant.parse(node.get("window_start").asText()).toEpochMilli();
      assertThat(Instant.parse(node.get("window_end").asText()).toEpochMilli())
          .isEqualTo(start + WINDOW);
      actual.computeIfAbsent(node.get("customer_id").asText() + " "
              + node.get("window_start").asText(), k -> new ArrayList<>())
          .add(node.get("count").asLong() + " "
              + node.get("total").decimalValue().stripTrailingZeros().toPlainString());
    }
    assertThat(late).hasSizeGreaterThan(5);
    assertThat(expected.values()).anyMatch(lines -> lines.size() > 1);
    assertThat(new HashSet<>(Files.readAllLines(lateFile))).isEqualTo(late);
    assertThat(actual).isEqualTo(expected);
  }
}
