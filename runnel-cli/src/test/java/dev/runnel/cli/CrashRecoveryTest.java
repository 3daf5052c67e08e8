package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.examples.customers.CustomerOrder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under crashes, end to end: the {@code spending-spikes} job (a tumbling-window
 * aggregation and a keyed process function with event-time timers) runs in a child JVM over a
 * large file with checkpoints every 100–500 ms, is killed with SIGKILL at random moments, and is
 * started again with {@code --restore latest} until it finishes. The union of the committed part
 * files must equal the output of a run without failures, record for record: as a multiset, and per
 * customer in order.
 *
 * <p>The default suite kills 10 times; {@code mvn verify -Psoak} adds a run with 100 kills.
 */
class CrashRecoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PART = Pattern.compile("part-(\\d+)-(\\d+)\\.jsonl");
  private static final int ORDERS = 200_000;
  private static final int RATE = 25_000;

  @TempDir
  Path dir;

  @Test
  void when_killedTenTimesAtRandomMoments_then_committedOutputEqualsARunWithoutFailures()
      throws Exception {
    crashUntilDone(10, 2026_11_21L);
  }

  @Test
  @Tag("soak")
  void soak_when_killedAHundredTimes_then_committedOutputEqualsARunWithoutFailures()
      throws Exception {
    crashUntilDone(100, System.nanoTime());
  }

  private void crashUntilDone(int kills, long seed) throws Exception {
    Random random = new Random(seed);
    Path input = dir.resolve("orders.jsonl");
    writeOrders(input, ORDERS, new Random(seed ^ 0x5DEECE66DL));

    Path expectedFile = dir.resolve("expected.jsonl");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RunnelCommand.execute(jobArgs(input, expectedFile).toArray(new String[0]),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertThat(code).as("failure-free run: %s", err).isZero();
    List<String> expected = Files.readAllLines(expectedFile);
    assertThat(expected).as("the job must produce output to compare").hasSizeGreaterThan(100);

    Path output = dir.resolve("out");
    Path checkpoints = dir.resolve("checkpoints");
    int killed = 0;
    int attempt = 0;
    while (true) {
      attempt++;
      List<String> args = new ArrayList<>(jobArgs(input, output));
      args.addAll(List.of("--checkpoint-dir", checkpoints.toString(),
          "--checkpoint-interval", (100 + random.nextInt(401)) + "ms",
          "--restore", "latest", "--rate", Integer.toString(RATE)));
      Path log = dir.resolve("attempt-" + attempt + ".log");
      Process process = child(args, log);
      if (killed < kills) {
        long delay = 300 + random.nextInt(900);
        if (!process.waitFor(delay, TimeUnit.MILLISECONDS)) {
          process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no cleanup
          process.waitFor();
          killed++;
          continue;
        }
      } else {
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("last run ends").isTrue();
      }
      assertThat(process.exitValue()).as("attempt %d (seed %d): %s", attempt, seed,
          Files.readString(log)).isZero();
      break;
    }
    assertThat(killed).as("kills before the job could finish (seed %d)", seed).isEqualTo(kills);

    List<String> committed = committedLines(output);
    assertThat(committed).as("committed output, seed %d", seed)
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(byCustomer(committed)).as("per-customer order, seed %d", seed)
        .isEqualTo(byCustomer(expected));
    try (Stream<Path> files = Files.list(output)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("nothing left hidden after the final commit")
          .noneMatch(name -> name.startsWith("."));
    }
  }

  private static List<String> jobArgs(Path input, Path output) {
    return List.of("run", "spending-spikes", "--input", input.toString(),
        "--output", output.toString(), "--parallelism", "2", "--watermark-interval", "0",
        "--window", "1m", "--idle-timeout", "10m", "--out-of-orderness", "30s");
  }

  private static Process child(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RunnelCommand.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  /** The visible part files' lines, each file in order, files by subtask and sequence number. */
  private static List<String> committedLines(Path output) throws IOException {
    List<Path> parts;
    try (Stream<Path> files = Files.list(output)) {
      parts = files.filter(p -> PART.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.<Path>comparingLong(p -> number(p, 1))
              .thenComparingLong(p -> number(p, 2)))
          .toList();
    }
    List<String> lines = new ArrayList<>();
    for (Path p : parts) {
      lines.addAll(Files.readAllLines(p));
    }
    return lines;
  }

  private static long number(Path part, int group) {
    Matcher m = PART.matcher(part.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(part.toString());
    }
    return Long.parseLong(m.group(group));
  }

  private static Map<String, List<String>> byCustomer(List<String> lines) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : lines) {
      try {
        JsonNode json = JSON.readTree(line);
        out.computeIfAbsent(json.get("customer_id").asText(), c -> new ArrayList<>()).add(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new TreeMap<>(out);
  }

  /**
   * Orders of 100 customers, 250 ms apart on average over about 14 hours of event time: amounts
   * mostly small with a few large ones (spikes), customers active in shifts (so idle timers fire),
   * timestamps up to 20 s out of order and one in 200 several minutes late.
   */
  private static void writeOrders(Path file, int count, Random random)
      throws IOException {
    long start = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        long time = start + i * 250L + random.nextInt(20_000) - 10_000;
        if (random.nextInt(200) == 0) {
          time -= 120_000 + random.nextInt(180_000);
        }
        int shift = (int) ((time - start) / 1_800_000) % 4; // half-hour shifts of 25 customers
        int customer = random.nextInt(10) < 8 ? shift * 25 + random.nextInt(25)
            : random.nextInt(100);
        BigDecimal total = random.nextInt(60) == 0
            ? BigDecimal.valueOf(500 + random.nextInt(2000))
            : BigDecimal.valueOf(5 + random.nextInt(45), 0);
        CustomerOrder order = CustomerOrder.of("o" + i, "c" + customer, total,
            "cat" + (i % 7), time);
        out.write(JSON.writeValueAsString(order.json()));
        out.write('\n');
      }
    }
  }
}
