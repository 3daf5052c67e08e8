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
 * Runs {@code runnel run user-activity-stats} over random out-of-order actions and checks the
 * statistics of each user's windows, and the late transactions, against a plain model: only
 * transactions count, per user tumbling windows of one minute, watermark ten minutes behind.
 */
class UserActivityStatsEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long WINDOW = 60_000;
  private static final long BOUND = 600_000;

  @TempDir Path dir;

  private record In(String user, boolean transaction, long cents, long timestamp, String line) {}

  /** Per "user window_start": "count total avg min max", amounts without trailing zeros. */
  private static Map<String, String> model(List<In> actions, List<String> late) {
    long[] watermarks =
        SourceWatermarks.before(actions.stream().map(In::timestamp).toList(), BOUND);
    Map<String, List<Long>> windows = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      In a = actions.get(i);
      if (!a.transaction()) {
        continue;
      }
      long start = Math.floorDiv(a.timestamp(), WINDOW) * WINDOW;
      if (watermarks[i] != Long.MIN_VALUE && start + WINDOW - 1 <= watermarks[i]) {
        late.add(a.line());
        continue;
      }
      windows.computeIfAbsent(a.user() + " " + Instant.ofEpochMilli(start),
          k -> new ArrayList<>()).add(a.cents());
    }
    Map<String, String> out = new HashMap<>();
    windows.forEach((key, cents) -> {
      long count = cents.size();
      long total = 0;
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (long c : cents) {
        total += c;
        min = Math.min(min, c);
        max = Math.max(max, c);
      }
      // Average to 4 decimals (2 more than the amounts), rounded half to even, in integers.
      long q = total * 100 / count;
      long r = total * 100 % count;
      if (2 * r > count || (2 * r == count && q % 2 != 0)) {
        q++;
      }
      out.put(key, count + " " + plain(BigDecimal.valueOf(total, 2)) + " "
          + plain(BigDecimal.valueOf(q, 4)) + " " + plain(BigDecimal.valueOf(min, 2)) + " "
          + plain(BigDecimal.valueOf(max, 2)));
    });
    return out;
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  @Test
  void when_outOfOrderActions_then_eachUsersTransactionWindowsHaveTheirStatistics()
      throws IOException {
    Random random = new Random(11L);
    List<In> actions = new ArrayList<>();
    String[] others = {"login", "view", "logout"};
    for (int i = 0; i < 3000; i++) {
      long ts = START + i * 2_000L + random.nextInt(120_000) - 60_000;
      if (random.nextInt(15) == 0) {
        ts -= random.nextInt(1_800_000); // up to 30 minutes behind: some on time, some late
      }
      String user = "u" + random.nextInt(8);
      boolean transaction = random.nextInt(10) < 6;
      long cents = 1 + random.nextInt(50_000);
      String action = transaction ? "transaction" : others[random.nextInt(others.length)];
      String amount = transaction || random.nextBoolean()
          ? ",\"amount\":" + BigDecimal.valueOf(cents, 2).toPlainString()
          : "";
      String line = "{\"user_id\":\"" + user + "\",\"action\":\"" + action + "\"" + amount
          + ",\"timestamp\":" + SourceWatermarks.json(ts, i) + "}";
      actions.add(new In(user, transaction, cents, ts, line));
    }
    Path input = Files.write(dir.resolve("activity.jsonl"),
        actions.stream().map(In::line).toList());
    Path output = dir.resolve("stats.jsonl");
    Path lateFile = dir.resolve("late.jsonl");

    CliRun run = CliRun.of("run", "user-activity-stats", "--input", input.toString(),
        "--output", output.toString(), "--late-output", lateFile.toString(),
        "--parallelism", "2", "--watermark-interval", "0");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    List<String> late = new ArrayList<>();
    Map<String, String> expected = model(actions, late);
    Map<String, String> actual = new HashMap<>();
    for (String line : Files.readAllLines(output)) {
      JsonNode node = MAPPER.readTree(line);
      assertThat(node.size()).isEqualTo(8);
      long start = Instant.parse(node.get("window_start").asText()).toEpochMilli();
      assertThat(Instant.parse(node.get("window_end").asText()).toEpochMilli())
          .isEqualTo(start + WINDOW);
      String key = node.get("user_id").asText() + " " + node.get("window_start").asText();
      String stats = node.get("transaction_count").asLong() + " "
          + plain(node.get("total_amount").decimalValue()) + " "
          + plain(node.get("avg_amount").decimalValue()) + " "
          + plain(node.get("min_amount").decimalValue()) + " "
          + plain(node.get("max_amount").decimalValue());
      assertThat(actual.put(key, stats)).as("window %s twice", key).isNull();
    }
    assertThat(late).hasSizeGreaterThan(5);
    assertThat(Files.readAllLines(lateFile)).containsExactlyInAnyOrderElementsOf(late);
    assertThat(actual).isEqualTo(expected);
  }
}
