package dev.runnel.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.KeyedValue;
import dev.runnel.api.StreamEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first job runs, counts right, and is the code the README shows. */
class FirstJobTest {

  @Test
  void when_linesCounted_then_finalCountPerWordIsItsFrequency() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    List<KeyedValue<String, Long>> counts =
        FirstJob.wordCounts(env.fromElements("to be or not to be", "that is the question"))
            .executeAndCollect();

    Map<String, Long> last = new HashMap<>();
    counts.forEach(kv -> last.merge(kv.key(), kv.value(), Math::max));
    assertThat(last).containsEntry("to", 2L).containsEntry("be", 2L).containsEntry("question", 1L);
    assertThat(counts).hasSize(10);
  }

  @Test
  void when_readmeShowsFirstJob_then_itIsExactlyThisSourceFile() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String start = "<!-- first-job:start -->\n```java\n";
    String end = "```\n<!-- first-job:end -->";
    int from = readme.indexOf(start);
    int to = readme.indexOf(end);
    assertThat(from).as("README has the first-job block").isNotNegative();
    String shown = readme.substring(from + start.length(), to);
    String source = Files.readString(
        Path.of("src/main/java/dev/runnel/examples/quickstart/FirstJob.java"));
    assertThat(shown).isEqualTo(source);
  }
}
