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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code runnel run fraud-detection} over random, partly out-of-order transactions and checks
 * the alerts against a plain-Java model of the rules (including which old transactions a late one
 * can still see, which follows from the watermark).
 */
class FraudDetectionEndToEndTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final long START = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
  private static final long BOUND = 5_000;
  private static final long WINDOW = 60_000;

  @TempDir Path dir;

  private record Tx(String id, String account, BigDecimal amount, long timestamp) {}

  private static List<Tx> randomTransactions(long seed, int count) {
    Random random = new Random(seed);
    List<Tx> txs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long ts = START + i * 700L + random.nextInt(8_000) - 4_000;
      if (random.nextInt(40) == 0) {
        ts -= 60_000 + random.nextInt(120_000); // far behind the watermark
      }
      BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(100_000), 2);
      if (random.nextInt(8) == 0) {
        amount = amount.multiply(BigDecimal.valueOf(5));
      }
      txs.add(new Tx("t" + i, "a" + random.nextInt(30), amount, ts));
    }
    return txs;
  }

  /** Expected alert lines ("id type"), per account in order. */
  private static Map<String, List<String>> expected(List<Tx> txs) {
    long[] watermarks = SourceWatermarks.before(txs.stream().map(Tx::timestamp).toList(), BOUND);
    Map<String, BigDecimal> previous = new HashMap<>();
    Map<String, List<Long>> seen = new HashMap<>();
    Map<String, List<String>> alerts = new HashMap<>();
    for (int i = 0; i < txs.size(); i++) {
      Tx tx = txs.get(i);
      long wm = watermarks[i];
      List<String> out = alerts.computeIfAbsent(tx.account(), a -> new ArrayList<>());
      BigDecimal prev = previous.put(tx.account(), tx.amount());
      if (prev != null && tx.amount().compareTo(prev.multiply(BigDecimal.valueOf(3))) > 0) {
        out.add(tx.id() + " AMOUNT_SPIKE");
      }
      List<Long> before = seen.computeIfAbsent(tx.account(), a -> new ArrayList<>());
      int count = 1;
      for (long ts : before) {
        boolean kept = wm == Long.MIN_VALUE || ts + WINDOW > wm;
        if (kept && ts > tx.timestamp() - WINDOW && ts <= tx.timestamp()) {
          count++;
        }
      }
      before.add(tx.timestamp());
      if (count >= 3) {
        out.add(tx.id() + " VELOCITY");
      }
    }
    return alerts;
  }

  @Test
  void when_randomTransactionsRunAtParallelism2_then_alertsMatchThePlainModel()
      throws IOException {
    List<Tx> txs = randomTransactions(42L, 3000);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      Tx tx = txs.get(i);
      lines.add("{\"transaction_id\":\"" + tx.id() + "\",\"account_id\":\"" + tx.account()
          + "\",\"amount\":" + tx.amount().toPlainString() + ",\"country\":\"DE\",\"timestamp\":"
          + SourceWatermarks.json(tx.timestamp(), i) + "}");
    }
    Path input = Files.write(dir.resolve("tx.jsonl"), lines);
    Path output = dir.resolve("alerts.jsonl");
    Map<String, Tx> byId = new HashMap<>();
    txs.forEach(tx -> byId.put(tx.id(), tx));

    CliRun run = CliRun.of("run", "fraud-detection", "--input", input.toString(),
        "--output", output.toString(), "--parallelism", "2", "--watermark-interval", "0");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    Map<String, List<String>> actual = new HashMap<>();
    for (String line : Files.readAllLines(output)) {
      JsonNode alert = MAPPER.readTree(line);
      assertThat(alert.size()).isEqualTo(5);
      Tx tx = byId.get(alert.get("transaction_id").asText());
      assertThat(alert.get("account_id").asText()).isEqualTo(tx.account());
      assertThat(alert.get("amount").decimalValue()).isEqualByComparingTo(tx.amount());
      assertThat(alert.get("timestamp").asText())
          .isEqualTo(Instant.ofEpochMilli(tx.timestamp()).toString());
      actual.computeIfAbsent(tx.account(), a -> new ArrayList<>())
          .add(tx.id() + " " + alert.get("type").asText());
    }
    Map<String, List<String>> expected = expected(txs);
    expected.values().removeIf(List::isEmpty);
    assertThat(expected.values().stream().flatMap(List::stream))
        .anyMatch(a -> a.endsWith("VELOCITY")).anyMatch(a -> a.endsWith("AMOUNT_SPIKE"));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void when_timestampIsBad_then_jobFailsNamingFileAndLine() throws IOException {
    Path input = Files.write(dir.resolve("tx.jsonl"), List.of(
        "{\"transaction_id\":\"t1\",\"account_id\":\"a\",\"amount\":1,\"timestamp\":1767261600000}",
        "{\"transaction_id\":\"t2\",\"account_id\":\"a\",\"amount\":1,\"timestamp\":\"yesterday\"}"));

    CliRun run = CliRun.of("run", "fraud-detection", "--input", input.toString(),
        "--output", dir.resolve("out.jsonl").toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(1);
    assertThat(run.err()).contains(input + ":2: ").contains("timestamp").contains("yesterday");
  }
}
