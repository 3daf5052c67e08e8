package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One absurd event time among valid records: it becomes a bad record (dead letter or a one-line
 * failure) instead of pushing the watermark to year 99999 and making every later record late.
 */
class TimestampBoundsEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /** Orders in three hours of 2026-01-01, with {@code absurd} as the timestamp of the 3rd line. */
  private Path orders(String absurd) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      String ts = i == 2 ? absurd
          : "\"2026-01-01T0" + (i / 3) + ":" + (10 + i) + ":00Z\"";
      lines.add("{\"order_id\":\"o" + i + "\",\"customer_id\":\"c1\",\"total\":1.5,"
          + "\"category\":\"books\",\"timestamp\":" + ts + "}");
    }
    return Files.write(dir.resolve("orders.jsonl"), lines);
  }

  private static long totalCount(Path output) throws IOException {
    long count = 0;
    for (String line : Files.readAllLines(output)) {
      JsonNode node = MAPPER.readTree(line);
      assertThat(node.get("window_start").asText()).startsWith("2026-01-01T0");
      count += node.get("count").asLong();
    }
    return count;
  }

  @Test
  void when_yearIs99999_then_itIsDeadLetteredAndEveryValidRecordIsCounted() throws IOException {
    Path input = orders("\"+99999-01-01T00:00:00Z\"");
    Path output = dir.resolve("totals.jsonl");
    Path deadLetters = dir.resolve("dead.jsonl");

    CliRun run = CliRun.of("run", "hourly-order-totals", "--input", input.toString(),
        "--output", output.toString(), "--dead-letter-output", deadLetters.toString(),
        "--parallelism", "2");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(totalCount(output)).isEqualTo(8);
    List<String> dead = Files.readAllLines(deadLetters);
    assertThat(dead).hasSize(1);
    JsonNode letter = MAPPER.readTree(dead.get(0));
    assertThat(letter.get("position").asLong()).isEqualTo(3);
    assertThat(letter.get("reason").asText())
        .contains("+99999-01-01T00:00:00Z").contains("ahead of the clock");
    assertThat(run.err()).contains("1 dead letter");
  }

  @Test
  void when_epochMillisAreAbsurdAndNoDeadLetterOutput_then_theRunFailsNamingFileAndLine()
      throws IOException {
    Path input = orders("3093527980800000");
    Path output = dir.resolve("totals.jsonl");

    CliRun run = CliRun.of("run", "hourly-order-totals", "--input", input.toString(),
        "--output", output.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(input + ":3:").contains("ahead of the clock");
    assertThat(run.err().lines().filter(l -> !l.isBlank()).count()).isEqualTo(1);
  }

  @Test
  void when_timeIsBefore1970_then_itIsABadRecordUnlessAllowed() throws IOException {
    Path input = orders("\"1969-12-31T23:00:00Z\"");
    Path output = dir.resolve("totals.jsonl");

    CliRun refused = CliRun.of("run", "hourly-order-totals", "--input", input.toString(),
        "--output", output.toString(), "--dead-letter-output", dir.resolve("d1").toString());
    CliRun allowed = CliRun.of("run", "hourly-order-totals", "--input", input.toString(),
        "--output", dir.resolve("totals2.jsonl").toString(), "--allow-before-1970", "true",
        "--late-output", dir.resolve("late.jsonl").toString());

    assertThat(refused.exitCode()).as("stderr: %s", refused.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("d1")).get(0)).contains("before 1970");
    assertThat(allowed.exitCode()).as("stderr: %s", allowed.err()).isZero();
    // accepted: after two orders of 2026 it is late for its window, not a bad record
    assertThat(Files.readString(dir.resolve("late.jsonl"))).contains("1969-12-31T23:00:00Z");
  }

  @Test
  void when_maxFutureIsOff_then_anyTimeIsAccepted() throws IOException {
    Path input = orders("\"+99999-01-01T00:00:00Z\"");
    Path output = dir.resolve("totals.jsonl");

    CliRun run = CliRun.of("run", "hourly-order-totals", "--input", input.toString(),
        "--output", output.toString(), "--max-future", "off", "--late-output",
        dir.resolve("late.jsonl").toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(Files.readString(output)).contains("+99999");
  }
}
