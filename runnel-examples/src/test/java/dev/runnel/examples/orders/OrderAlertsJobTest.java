package dev.runnel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.examples.JobArgumentException;
import dev.runnel.examples.JobArguments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged job as a whole: JSON lines in, JSON lines out, options and bad lines. */
class OrderAlertsJobTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @TempDir Path dir;

  private void run(Path input, Path output, Map<String, String> options) {
    OrderAlertsJob job = new OrderAlertsJob();
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    job.build(env, JobArguments.of(job, input, output, 2, options));
    env.execute(job.name());
  }

  private Path input(String... lines) throws IOException {
    return Files.write(dir.resolve("orders.jsonl"), List.of(lines));
  }

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      nodes.add(MAPPER.readTree(line));
    }
    return nodes;
  }

  @Test
  void when_ordersGiven_then_oneLinePerOrderWithTotalsAndAlerts() throws Exception {
    Path input = input(
        "{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":300.00,"
            + "\"timestamp\":\"2026-01-01T10:00:00.123Z\"}",
        "{\"order_id\":\"o2\",\"user_id\":\"u2\",\"amount\":5,\"timestamp\":1767261600123}",
        "{\"order_id\":\"o3\",\"user_id\":\"u1\",\"amount\":200.01,"
            + "\"timestamp\":\"2026-01-01T10:00:01Z\"}");
    Path output = dir.resolve("alerts.jsonl");

    run(input, output, Map.of());

    List<JsonNode> lines = read(output);
    assertThat(lines).hasSize(3);
    JsonNode o3 = lines.stream().filter(n -> n.get("order_id").asText().equals("o3")).findFirst()
        .orElseThrow();
    assertThat(o3.get("customer_id").asText()).isEqualTo("u1");
    assertThat(o3.get("amount").decimalValue()).isEqualByComparingTo("200.01");
    assertThat(o3.get("total").decimalValue()).isEqualByComparingTo("500.01");
    assertThat(o3.get("count").asLong()).isEqualTo(2);
    assertThat(o3.get("alert").asBoolean()).isTrue();
    JsonNode o2 = lines.stream().filter(n -> n.get("order_id").asText().equals("o2")).findFirst()
        .orElseThrow();
    assertThat(o2.get("alert").asBoolean()).isFalse();
  }

  @Test
  void when_thresholdGiven_then_alertsUseIt() throws Exception {
    Path input = input("{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":20}");
    Path output = dir.resolve("alerts.jsonl");

    run(input, output, Map.of("--threshold", "10"));

    assertThat(read(output).get(0).get("alert").asBoolean()).isTrue();
  }

  @Test
  void when_thresholdIsNotANumber_then_buildFailsNamingTheOptionAndValue() throws Exception {
    Path input = input("{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":20}");

    assertThatThrownBy(() -> run(input, dir.resolve("out"), Map.of("--threshold", "ten")))
        .isInstanceOf(JobArgumentException.class)
        .hasMessage("invalid value 'ten' for option --threshold: not a number");
  }

  @Test
  void when_lineCannotBeDecoded_then_jobFailsNamingFileAndLine() throws Exception {
    Path input = input(
        "{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":20}",
        "{\"order_id\":\"o2\",\"user_id\":\"u1\",\"amount\":2",
        "{\"order_id\":\"o3\",\"user_id\":\"u1\",\"amount\":20}");

    assertThatThrownBy(() -> run(input, dir.resolve("out"), Map.of()))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining(
            input + ":2: not valid JSON: the line ends before the JSON object is complete");
  }

  @Test
  void when_deadLetterOutputGiven_then_badLinesGoThereAndTheRestIsProcessed() throws Exception {
    String bad = "{\"order_id\":\"o2\",\"amount\":2}";
    Path input = input(
        "{\"order_id\":\"o1\",\"user_id\":\"u1\",\"amount\":20}",
        bad,
        "{\"order_id\":\"o3\",\"user_id\":\"u1\",\"amount\":30}");
    Path output = dir.resolve("alerts.jsonl");
    Path deadLetters = dir.resolve("dead.jsonl");

    run(input, output, Map.of("--dead-letter-output", deadLetters.toString()));

    assertThat(read(output)).extracting(n -> n.get("order_id").asText())
        .containsExactly("o1", "o3");
    assertThat(read(output).get(1).get("total").decimalValue()).isEqualByComparingTo("50");
    List<JsonNode> dead = read(deadLetters);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).get("position").asLong()).isEqualTo(2);
    assertThat(dead.get(0).get("raw").asText()).isEqualTo(bad);
  }
}
