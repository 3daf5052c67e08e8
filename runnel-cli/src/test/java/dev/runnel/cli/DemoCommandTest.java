package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
  @Test
  void when_demoRuns_then_itPrintsJsonResultsUntilCancelled() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoCommand demo = new DemoCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
    new CommandLine(demo).parseArgs("--rate", "2000", "--threshold", "1000");

    JobHandle job = demo.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (printed.toString(StandardCharsets.UTF_8).lines().count() < 200
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    job.cancel();
    JobResult result = job.await(Duration.ofSeconds(20));

    assertThat(result.status()).isEqualTo(JobStatus.CANCELLED);
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(200);
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Long> lastCount = new HashMap<>();
    for (String line : lines) {
      JsonNode node = mapper.readTree(line);
      String user = node.get("user_id").asText();
      long count = node.get("count").asLong();
      assertThat(count).as("count of %s", user).isEqualTo(lastCount.getOrDefault(user, 0L) + 1);
      lastCount.put(user, count);
      BigDecimal total = new BigDecimal(node.get("total").asText());
      assertThat(node.get("alert").asBoolean())
          .isEqualTo(total.compareTo(BigDecimal.valueOf(1000)) > 0);
    }
  }
}
