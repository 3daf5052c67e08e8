package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runnel run hourly-order-totals} over one file with out-of-order and late orders, run
 * again and again at parallelism 1, 2 and 4 and at different rates, writes the same windows and
 * the same late orders each time, with no option asking for it.
 */
class RepeatableRunsEndToEndTest {
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  @TempDir Path dir;

  private Path orders() throws IOException {
    Random random = new Random(99);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      long ts = START + i * 30_000L + random.nextInt(60_000);
      if (random.nextInt(12) == 0) {
        ts -= random.nextInt(3_600_000);
      }
      lines.add("{\"order_id\":\"o" + i + "\",\"customer_id\":\"c" + random.nextInt(9)
          + "\",\"total\":" + BigDecimal.valueOf(1 + random.nextInt(9_999), 2).toPlainString()
          + ",\"category\":\"books\",\"timestamp\":\"" + Instant.ofEpochMilli(ts) + "\"}");
    }
    return Files.write(dir.resolve("orders.jsonl"), lines);
  }

  /** The sorted output lines, then the sorted late lines. */
  private List<String> run(Path input, int parallelism, String rate, int n) throws IOException {
    Path output = dir.resolve("out-" + parallelism + "-" + n + ".jsonl");
    Path late = dir.resolve("late-" + parallelism + "-" + n + ".jsonl");
    List<String> args = new ArrayList<>(List.of("run", "hourly-order-totals", "--input",
        input.toString(), "--output", output.toString(), "--late-output", late.toString(),
        "--parallelism", String.valueOf(parallelism)));
    if (rate != null) {
      args.addAll(List.of("--rate", rate));
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(output).stream().sorted().toList());
    lines.add("-- late --");
    lines.addAll(Files.readAllLines(late).stream().sorted().toList());
    return lines;
  }

  @Test
  void when_theSameFileRunsManyTimes_then_eachParallelismWritesTheSameOutputEveryTime()
      throws IOException {
    Path input = orders();
    for (int parallelism : new int[] {1, 2, 4}) {
      List<String> first = run(input, parallelism, null, 0);
      assertThat(first.subList(first.indexOf("-- late --") + 1, first.size()))
          .as("late orders").isNotEmpty();
      for (int n = 1; n < 20; n++) {
        String rate = n % 5 == 0 ? "20000" : null;
        assertThat(run(input, parallelism, rate, n))
            .as("run %d at parallelism %d, rate %s", n, parallelism, rate).isEqualTo(first);
      }
    }
  }
}
