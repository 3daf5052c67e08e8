package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code runnel run error-alerts} over random, partly out-of-order log entries and checks the
 * alerts against a plain-Java count of the ERRORs in each window.
 */
class ErrorAlertsEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long START = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
  private static final long BOUND = 5_000;
  private static final String[] SEVERITIES = {"INFO", "INFO", "INFO", "WARN", "WARN", "ERROR"};

  @TempDir Path dir;

  private record Entry(int id, String severity, long timestamp) {}

  private static List<Entry> randomEntries(long seed, int count) {
    Random random = new Random(seed);
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long ts = START + i * 900L + random.nextInt(6_000) - 3_000;
      if (random.nextInt(50) == 0) {
        ts -= 10_000 + random.nextInt(60_000);
      }
      entries.add(new Entry(i, SEVERITIES[random.nextInt(SEVERITIES.length)], ts));
    }
    return entries;
  }

  /** "id count" for every alert, in input order. */
  private static List<String> expected(List<Entry> entries, long window, long threshold) {
    long[] watermarks =
        SourceWatermarks.before(entries.stream().map(Entry::timestamp).toList(), BOUND);
    List<Long> errors = new ArrayList<>();
    List<String> alerts = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (!e.severity().equals("ERROR")) {
        continue;
      }
      long wm = watermarks[i];
      long count = 1;
      for (long ts : errors) {
        boolean kept = wm == Long.MIN_VALUE || ts + window > wm;
        if (kept && ts >= e.timestamp() - window && ts <= e.timestamp()) {
          count++;
        }
      }
      errors.add(e.timestamp());
      if (count >= threshold) {
        alerts.add(e.id() + " " + count);
      }
    }
    return alerts;
  }

  private List<String> run(List<Entry> entries, String... options) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      lines.add("{\"id\":" + e.id() + ",\"service\":\"api\",\"severity\":\"" + e.severity()
          + "\",\"message\":\"entry " + i + "\",\"timestamp\":"
          + SourceWatermarks.json(e.timestamp(), i) + "}");
    }
    Path input = Files.write(dir.resolve("logs.jsonl"), lines);
    Path output = dir.resolve("alerts.jsonl");
    List<String> args = new ArrayList<>(List.of("run", "error-alerts", "--input",
        input.toString(), "--output", output.toString(), "--parallelism", "2",
        "--watermark-interval", "0"));
    args.addAll(List.of(options));

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    List<String> alerts = new ArrayList<>();
    for (String line : Files.readAllLines(output)) {
      JsonNode alert = MAPPER.readTree(line);
      assertThat(alert.get("id").isInt()).as("id stays a number: %s", line).isTrue();
      Entry entry = entries.get(alert.get("id").asInt());
      assertThat(alert.get("timestamp").asText())
          .isEqualTo(Instant.ofEpochMilli(entry.timestamp()).toString());
      alerts.add(alert.get("id").asText() + " " + alert.get("errors_in_window").asLong());
    }
    return alerts;
  }

  @Test
  void when_defaultsUsed_then_alertsMatchThePlainCount() throws IOException {
    List<Entry> entries = randomEntries(3L, 3000);

    List<String> alerts = run(entries);

    List<String> expected = expected(entries, 15_000, 3);
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(alerts).isEqualTo(expected);
  }

  @Test
  void when_thresholdAndWindowGiven_then_alertsFollowThem() throws IOException {
    List<Entry> entries = randomEntries(5L, 3000);

    List<String> alerts = run(entries, "--threshold", "5", "--window", "30s");

    List<String> expected = expected(entries, 30_000, 5);
    assertThat(expected).isNotEmpty();
    assertThat(alerts).isEqualTo(expected);
  }
}
