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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code runnel run customer-sessions} over random out-of-order orders and checks the
 * sessions written, and the late orders, against a plain simulation of event-time session
 * windows: each order opens the span [t, t + gap), spans that overlap or touch an open session
 * join it, a session is written and closed when the watermark reaches its end − 1, and an order
 * whose span is already over and joins no open session is late.
 */
class CustomerSessionsEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long GAP = 600_000;
  private static final long BOUND = 120_000;

  @TempDir Path dir;

  private record In(String customer, long cents, long timestamp, String line) {}

  /** An open session: [start, end), its order count and total in cents. */
  private static final class Session {
    long start;
    long end;
    long count;
    long cents;

    Session(long start, long end, long count, long cents) {
      this.start = start;
      this.end = end;
      this.count = count;
      this.cents = cents;
    }

    String describe(String customer) {
      return customer + " " + Instant.ofEpochMilli(start) + " " + Instant.ofEpochMilli(end) + " "
          + count + " " + BigDecimal.valueOf(cents, 2).stripTrailingZeros().toPlainString();
    }
  }

  private static List<String> model(List<In> orders, List<String> late) {
    long[] watermarks =
        SourceWatermarks.before(orders.stream().map(In::timestamp).toList(), BOUND);
    Map<String, List<Session>> open = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= orders.size(); i++) {
      long wm = i < orders.size() ? watermarks[i] : Long.MAX_VALUE;
      for (Map.Entry<String, List<Session>> e : open.entrySet()) {
        for (Iterator<Session> it = e.getValue().iterator(); it.hasNext(); ) {
          Session s = it.next();
          if (s.end - 1 <= wm) {
            out.add(s.describe(e.getKey()));
            it.remove();
          }
        }
      }
      if (i == orders.size()) {
        break;
      }
      In order = orders.get(i);
      Session merged = new Session(order.timestamp(), order.timestamp() + GAP, 1, order.cents());
      List<Session> sessions = open.computeIfAbsent(order.customer(), k -> new ArrayList<>());
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Iterator<Session> it = sessions.iterator(); it.hasNext(); ) {
          Session s = it.next();
          if (s.start <= merged.end && s.end >= merged.start) {
            merged.start = Math.min(merged.start, s.start);
            merged.end = Math.max(merged.end, s.end);
            merged.count += s.count;
            merged.cents += s.cents;
            it.remove();
            changed = true;
          }
        }
      }
      if (wm != Long.MIN_VALUE && merged.end - 1 <= wm) {
        late.add(order.line());
      } else {
        sessions.add(merged);
      }
    }
    return out;
  }

  @Test
  void when_outOfOrderOrders_then_sessionsMatchTheModel() throws IOException {
    Random random = new Random(5L);
    List<In> orders = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // 12 customers, one order every 30 s in all: a customer's orders are about 6 minutes
      // apart, so sessions both continue and break at a 10-minute gap.
      long ts = START + i * 30_000L + random.nextInt(120_000) - 60_000;
      if (random.nextInt(15) == 0) {
        ts -= random.nextInt(1_800_000); // some join open sessions, some are late
      }
      String customer = "c" + random.nextInt(12);
      long cents = 1 + random.nextInt(30_000);
      String line = "{\"order_id\":\"o" + i + "\",\"customer_id\":\"" + customer
          + "\",\"total_amount\":" + BigDecimal.valueOf(cents, 2).toPlainString()
          + ",\"channel\":\"web\",\"timestamp\":" + SourceWatermarks.json(ts, i) + "}";
      orders.add(new In(customer, cents, ts, line));
    }
    Path input = Files.write(dir.resolve("orders.jsonl"), orders.stream().map(In::line).toList());
    Path output = dir.resolve("sessions.jsonl");
    Path lateFile = dir.resolve("late.jsonl");

    CliRun run = CliRun.of("run", "customer-sessions", "--input", input.toString(),
        "--output", output.toString(), "--late-output", lateFile.toString(),
        "--parallelism", "2", "--watermark-interval", "0");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    List<String> late = new ArrayList<>();
    List<String> expected = model(orders, late);
    List<String> actual = new ArrayList<>();
    for (String line : Files.readAllLines(output)) {
      JsonNode node = MAPPER.readTree(line);
      assertThat(node.size()).isEqualTo(5);
      actual.add(node.get("customer_id").asText() + " "
          + Instant.parse(node.get("session_start").asText()) + " "
          + Instant.parse(node.get("session_end").asText()) + " "
          + node.get("session_orders").asLong() + " "
          + node.get("session_total").decimalValue().stripTrailingZeros().toPlainString());
    }
    assertThat(late).hasSizeGreaterThan(5);
    assertThat(expected).as("sessions of several orders")
        .anyMatch(session -> Long.parseLong(session.split(" ")[3]) > 1);
    assertThat(expected).as("sessions of one order")
        .anyMatch(session -> session.split(" ")[3].equals("1"));
    assertThat(Files.readAllLines(lateFile)).containsExactlyInAnyOrderElementsOf(late);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }
}
