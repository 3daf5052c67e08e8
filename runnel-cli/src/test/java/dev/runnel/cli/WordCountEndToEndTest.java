package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code runnel run word-count} over random out-of-order words and checks each window's
 * event count and top five words, and the late words, against a plain model of global event-time
 * tumbling windows.
 */
class WordCountEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long WINDOW = 15_000;
  private static final long BOUND = 5_000;
  private static final String[] WORDS = {"apple", "beta", "cherry", "delta", "echo", "fig",
      "golf", "hotel", "india", "juliet"};

  @TempDir Path dir;

  private record In(String word, long timestamp, String line) {}

  /** Per window start: "total_events top1:count top2:count …". */
  private static Map<Long, String> model(List<In> words, List<String> late) {
    long[] watermarks = SourceWatermarks.before(words.stream().map(In::timestamp).toList(), BOUND);
    Map<Long, Map<String, Long>> counts = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      In w = words.get(i);
      long start = Math.floorDiv(w.timestamp(), WINDOW) * WINDOW;
      if (watermarks[i] != Long.MIN_VALUE && start + WINDOW - 1 <= watermarks[i]) {
        late.add(w.line());
        continue;
      }
      counts.computeIfAbsent(start, k -> new TreeMap<>()).merge(w.word(), 1L, Long::sum);
    }
    Map<Long, String> out = new HashMap<>();
    counts.forEach((start, perWord) -> {
      long total = perWord.values().stream().mapToLong(Long::longValue).sum();
      // Selection by hand: highest count, and the alphabetically first among equal counts.
      Map<String, Long> left = new TreeMap<>(perWord);
      StringBuilder sb = new StringBuilder().append(total);
      for (int n = 0; n < 5 && !left.isEmpty(); n++) {
        String best = null;
        for (Map.Entry<String, Long> e : left.entrySet()) {
          if (best == null || e.getValue() > left.get(best)) {
            best = e.getKey();
          }
        }
        sb.append(' ').append(best).append(':').append(left.remove(best));
      }
      out.put(start, sb.toString());
    });
    return out;
  }

  @Test
  void when_outOfOrderWords_then_eachWindowHasItsCountAndTopFiveWords() throws IOException {
    Random random = new Random(7L);
    List<In> words = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      long ts = START + i * 300L + random.nextInt(4_000) - 2_000;
      if (random.nextInt(20) == 0) {
        ts -= random.nextInt(40_000); // some on time, some too late
      }
      // Skewed and sparse enough that counts tie often.
      String word = WORDS[Math.min(random.nextInt(WORDS.length), random.nextInt(WORDS.length))];
      String line = "{\"word\":\"" + word + "\",\"timestamp\":" + SourceWatermarks.json(ts, i)
          + (i % 3 == 0 ? ",\"source\":\"x\"" : "") + "}";
      words.add(new In(word, ts, line));
    }
    Path input = Files.write(dir.resolve("words.jsonl"), words.stream().map(In::line).toList());
    Path output = dir.resolve("counts.jsonl");
    Path lateFile = dir.resolve("late.jsonl");

    CliRun run = CliRun.of("run", "word-count", "--input", input.toString(),
        "--output", output.toString(), "--late-output", lateFile.toString(),
        "--parallelism", "2", "--watermark-interval", "0");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    List<String> late = new ArrayList<>();
    Map<Long, String> expected = model(words, late);
    Map<Long, String> actual = new HashMap<>();
    for (String line : Files.readAllLines(output)) {
      JsonNode node = MAPPER.readTree(line);
      assertThat(node.size()).isEqualTo(4);
      long start = Instant.parse(node.get("window_start").asText()).toEpochMilli();
      assertThat(Instant.parse(node.get("window_end").asText()).toEpochMilli())
          .isEqualTo(start + WINDOW);
      StringBuilder sb = new StringBuilder().append(node.get("total_events").asLong());
      for (JsonNode top : node.get("top_words")) {
        assertThat(top.size()).isEqualTo(2);
        sb.append(' ').append(top.get("word").asText()).append(':')
            .append(top.get("count").asLong());
      }
      assertThat(actual.put(start, sb.toString())).as("window %s twice", start).isNull();
    }
    assertThat(late).hasSizeGreaterThan(5);
    assertThat(Files.readAllLines(lateFile)).containsExactlyInAnyOrderElementsOf(late);
    assertThat(actual).isEqualTo(expected);
    assertThat(run.err()).contains(late.size() + " late");
  }
}
