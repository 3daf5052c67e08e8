package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code runnel run running-totals} over random out-of-order orders and checks, per customer,
 * the event-time order and running totals, and that the late orders are exactly those behind the
 * watermark, written unchanged.
 */
class RunningTotalsEndToEndTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final long START = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

  @TempDir Path dir;

  private record In(int index, String id, String customer, BigDecimal amount, long timestamp,
      String line) {}

  /** The number without trailing zeros, as Jackson's tree gives decimals back. */
  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  @Test
  void when_ordersArriveOutOfOrder_then_totalsFollowEventTimeAndLateOrdersAreSetApart()
      throws IOException {
    Random random = new Random(99L);
    List<In> orders = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      long ts = START + i * 1_000L + random.nextInt(40_000) - 20_000;
      if (random.nextInt(30) == 0) {
        ts -= 30_000 + random.nextInt(60_000);
      }
      if (random.nextInt(10) == 0 && i > 0) {
        ts = orders.get(i - 1).timestamp(); // equal timestamps keep arrival order
      }
      String id = "o" + i;
      String customer = "c" + random.nextInt(20);
      BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(50_000), 2);
      String line = "{\"order_id\":\"" + id + "\",\"customer_id\":\"" + customer
          + "\",\"total_amount\":" + amount.toPlainString() + ",\"timestamp\":"
          + SourceWatermarks.json(ts, i) + ",\"note\":\"kept\"}";
      orders.add(new In(i, id, customer, amount, ts, line));
    }
    Path input = Files.write(dir.resolve("orders.jsonl"), orders.stream().map(In::line).toList());
    Path output = dir.resolve("totals.jsonl");
    Path late = dir.resolve("late.jsonl");

    CliRun run = CliRun.of("run", "running-totals", "--input", input.toString(),
        "--output", output.toString(), "--late-output", late.toString(),
        "--parallelism", "2", "--watermark-interval", "0");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    long[] watermarks =
        SourceWatermarks.before(orders.stream().map(In::timestamp).toList(), 30_000);
    List<String> expectedLate = new ArrayList<>();
    Map<String, List<In>> onTime = new HashMap<>();
    for (In order : orders) {
      if (order.timestamp() <= watermarks[order.index()]) {
        expectedLate.add(order.line());
      } else {
        onTime.computeIfAbsent(order.customer(), c -> new ArrayList<>()).add(order);
      }
    }
    Map<String, List<String>> expected = new HashMap<>();
    for (Map.Entry<String, List<In>> e : onTime.entrySet()) {
      List<In> sorted = new ArrayList<>(e.getValue());
      sorted.sort(Comparator.comparingLong(In::timestamp).thenComparingInt(In::index));
      BigDecimal total = BigDecimal.ZERO;
      List<String> lines = new ArrayList<>();
      for (In order : sorted) {
        total = total.add(order.amount());
        lines.add(order.id() + " " + plain(order.amount()) + " "
            + Instant.ofEpochMilli(order.timestamp()) + " " + plain(total));
      }
      expected.put(e.getKey(), lines);
    }
    Map<String, List<String>> actual = new HashMap<>();
    for (String line : Files.readAllLines(output)) {
      JsonNode node = MAPPER.readTree(line);
      assertThat(node.size()).isEqualTo(5);
      actual.computeIfAbsent(node.get("customer_id").asText(), c -> new ArrayList<>())
          .add(node.get("order_id").asText() + " "
              + plain(node.get("amount").decimalValue()) + " "
              + node.get("timestamp").asText() + " "
              + plain(node.get("running_total").decimalValue()));
    }
    assertThat(expectedLate).hasSizeGreaterThan(10);
    assertThat(Files.readAllLines(late)).containsExactlyInAnyOrderElementsOf(expectedLate);
    assertThat(actual).isEqualTo(expected);
    assertThat(run.errLines().get(0)).endsWith(", " + expectedLate.size() + " late");
  }
}
