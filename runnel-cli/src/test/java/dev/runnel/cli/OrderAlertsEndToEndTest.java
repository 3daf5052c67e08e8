package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code runnel run order-alerts} through the command's entry point over thousands of random
 * orders and checks every output line against totals computed here with plain loops.
 */
class OrderAlertsEndToEndTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final int ORDERS = 4000;

  @TempDir Path dir;

  /** One input order as the test wrote it. */
  private record InputOrder(String orderId, String userId, BigDecimal amount) {}

  /** What the job must output for one order. */
  private record Expected(String userId, BigDecimal amount, BigDecimal total, long count,
      boolean alert) {}

  /** Random orders, seeded, as JSON lines; the amounts have 0 to 2 decimals. */
  private static List<InputOrder> randomOrders(long seed, int count) {
    Random random = new Random(seed);
    List<InputOrder> orders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String user = "u" + random.nextInt(75);
      BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(30_000), random.nextInt(3));
      orders.add(new InputOrder("o" + i, user, amount));
    }
    return orders;
  }

  private static String jsonLine(InputOrder order, int i) {
    long millis = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli() + i * 137L;
    String timestamp = i % 2 == 0
        ? "\"" + Instant.ofEpochMilli(millis) + "\""
        : String.valueOf(millis);
    return "{\"order_id\":\"" + order.orderId() + "\",\"user_id\":\"" + order.userId()
        + "\",\"amount\":" + order.amount().toPlainString() + ",\"timestamp\":" + timestamp + "}";
  }

  /** Running totals per user, the slow and obvious way. */
  private static Map<String, Expected> expected(List<InputOrder> orders, BigDecimal threshold) {
    Map<String, BigDecimal> totals = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    Map<String, Expected> expected = new LinkedHashMap<>();
    for (InputOrder order : orders) {
      BigDecimal total = totals.getOrDefault(order.userId(), BigDecimal.ZERO).add(order.amount());
      long count = counts.getOrDefault(order.userId(), 0L) + 1;
      totals.put(order.userId(), total);
      counts.put(order.userId(), count);
      expected.put(order.orderId(), new Expected(
          order.userId(), order.amount(), total, count, total.compareTo(threshold) > 0));
    }
    return expected;
  }

  /** The order ids of each user, in the order given. */
  private static Map<String, List<String>> idsByUser(List<String> orderIds, List<String> users) {
    Map<String, List<String>> byUser = new HashMap<>();
    for (int i = 0; i < orderIds.size(); i++) {
      byUser.computeIfAbsent(users.get(i), u -> new ArrayList<>()).add(orderIds.get(i));
    }
    return byUser;
  }

  private Path writeInput(List<String> lines) throws IOException {
    return Files.write(dir.resolve("orders.jsonl"), lines);
  }

  private static List<JsonNode> readLines(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      nodes.add(MAPPER.readTree(line));
    }
    return nodes;
  }

  /** Checks every output line against {@code expected}, and each user's order. */
  private static void assertOutput(
      List<JsonNode> output, Map<String, Expected> expected, List<InputOrder> input) {
    assertThat(output).hasSize(expected.size());
    List<String> outIds = new ArrayList<>();
    List<String> outUsers = new ArrayList<>();
    for (JsonNode line : output) {
      assertThat(line.size()).as("fields of %s", line).isEqualTo(6);
      String orderId = line.get("order_id").asText();
      Expected want = expected.get(orderId);
      assertThat(want).as("unexpected order %s", line).isNotNull();
      assertThat(line.get("customer_id").asText()).as("customer of %s", orderId)
          .isEqualTo(want.userId());
      assertThat(line.get("amount").decimalValue()).as("amount of %s", orderId)
          .isEqualByComparingTo(want.amount());
      assertThat(line.get("total").decimalValue()).as("total of %s", orderId)
          .isEqualByComparingTo(want.total());
      assertThat(line.get("count").asLong()).as("count of %s", orderId).isEqualTo(want.count());
      assertThat(line.get("alert").isBoolean()).isTrue();
      assertThat(line.get("alert").asBoolean()).as("alert of %s", orderId)
          .isEqualTo(want.alert());
      outIds.add(orderId);
      outUsers.add(want.userId());
    }
    assertThat(outIds).doesNotHaveDuplicates();
    List<String> inIds = new ArrayList<>();
    List<String> inUsers = new ArrayList<>();
    for (InputOrder order : input) {
      if (expected.containsKey(order.orderId())) {
        inIds.add(order.orderId());
        inUsers.add(order.userId());
      }
    }
    assertThat(idsByUser(outIds, outUsers)).isEqualTo(idsByUser(inIds, inUsers));
  }

  @Test
  void when_randomOrdersRunAtParallelism2_then_everyLineMatchesIndependentTotals()
      throws IOException {
    List<InputOrder> orders = randomOrders(20260101L, ORDERS);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      lines.add(jsonLine(orders.get(i), i));
    }
    Path input = writeInput(lines);
    Path output = dir.resolve("alerts.jsonl");

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", output.toString(), "--parallelism", "2");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).matches(
        "runnel: job 'order-alerts' finished in \\d+\\.\\d\\d s: "
            + ORDERS + " records in, " + ORDERS + " out");
    Map<String, Expected> expected = expected(orders, new BigDecimal("500"));
    assertThat(expected.values()).anyMatch(Expected::alert).anyMatch(e -> !e.alert());
    assertOutput(readLines(output), expected, orders);
  }

  @Test
  void when_thresholdGiven_then_alertsFollowIt() throws IOException {
    List<InputOrder> orders = randomOrders(7L, 2000);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      lines.add(jsonLine(orders.get(i), i));
    }
    Path input = writeInput(lines);
    Path output = dir.resolve("alerts.jsonl");

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", output.toString(), "--parallelism", "2", "--threshold", "2500.5");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertOutput(readLines(output), expected(orders, new BigDecimal("2500.5")), orders);
  }

  @Test
  void when_inputHasABadLine_then_jobFailsWithExit1NamingFileAndLine() throws IOException {
    List<InputOrder> orders = randomOrders(11L, 3000);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      lines.add(jsonLine(orders.get(i), i));
    }
    lines.set(1233, "{\"order_id\":\"o1233\",\"user_id\":"); // line 1234
    Path input = writeInput(lines);

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", dir.resolve("alerts.jsonl").toString(), "--parallelism", "2");

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0))
        .startsWith("runnel: job 'order-alerts' failed: " + input + ":1234: ");
  }

  @Test
  void when_aRunFailsWithoutDeadLetterOutput_then_theResultsBeforeTheBadLineAreKept()
      throws IOException {
    Path input = writeInput(List.of(
        "{\"order_id\":\"o-1\",\"user_id\":\"u-1\",\"amount\":10}",
        "{\"order_id\":\"o-2\",\"user_id\":\"u-2\",\"amount\":20}",
        "{\"order_id\":\"o-3\",\"amount\":5}",
        "{\"order_id\":\"o-4\",\"user_id\":\"u-1\",\"amount\":1}"));
    Path output = dir.resolve("alerts.jsonl");

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", output.toString(), "--parallelism", "1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).containsExactly("runnel: job 'order-alerts' failed: " + input
        + ":3: field 'customer_id' is missing; " + output + " keeps the 2 results written before "
        + "the failure");
    assertThat(readLines(output)).extracting(n -> n.get("order_id").asText())
        .containsExactly("o-1", "o-2");
  }

  @Test
  void when_aParallelRunFails_then_theFailureLineSaysHowManyResultsTheOutputKeptAndWhy()
      throws IOException {
    Path input = writeInput(List.of(
        "{\"order_id\":\"o-1\",\"user_id\":\"u-1\",\"amount\":10}",
        "{\"order_id\":\"o-2\",\"amount\":5}"));
    Path output = dir.resolve("alerts.jsonl");

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", output.toString(), "--parallelism", "2");

    assertThat(run.exitCode()).isEqualTo(1);
    // The job may stop before the sink has opened its file: then it kept nothing.
    long kept = Files.exists(output) ? Files.readAllLines(output).size() : 0;
    assertThat(run.errLines()).containsExactly("runnel: job 'order-alerts' failed: " + input
        + ":2: field 'customer_id' is missing; " + output + " keeps the " + kept
        + (kept == 1 ? " result" : " results") + " written before the failure (results still "
        + "passing between parallel steps when the job stopped are not; --parallelism 1 keeps "
        + "them all)");
  }

  @Test
  void when_aCheckpointedRunFails_then_theFailureLineSaysLaterResultsStayHidden()
      throws IOException {
    Path input = writeInput(List.of("{\"order_id\":\"o-1\",\"user_id\":\"u-1\",\"amount\":"));

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", dir.resolve("alerts").toString(),
        "--checkpoint-dir", dir.resolve("chk").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().endsWith(":1: not valid JSON: the "
        + "line ends before the JSON object is complete; the output holds what the last "
        + "completed checkpoint covers; later results stay hidden, and a run with --restore "
        + "latest writes them again");
  }

  @Test
  void when_aUserIdIsNotValidUtf8_then_itIsADeadLetterNotANewUser() throws IOException {
    Path input = dir.resolve("orders.jsonl");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(("{\"order_id\":\"o-1\",\"user_id\":\"u-1\",\"amount\":1}\n"
        + "{\"order_id\":\"o-2\",\"user_id\":\"u-").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xC3, '('}); // "Ã" cut short: not UTF-8
    bytes.writeBytes("\",\"amount\":1}\n".getBytes(StandardCharsets.UTF_8));
    Files.write(input, bytes.toByteArray());
    Path output = dir.resolve("alerts.jsonl");
    Path deadLetters = dir.resolve("dead.jsonl");

    CliRun withDeadLetters = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", output.toString(), "--dead-letter-output", deadLetters.toString());
    CliRun without = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", dir.resolve("other.jsonl").toString());

    assertThat(withDeadLetters.exitCode()).as(withDeadLetters.err()).isZero();
    assertThat(readLines(output)).extracting(n -> n.get("customer_id").asText())
        .containsExactly("u-1");
    assertThat(readLines(deadLetters)).singleElement().satisfies(dead -> {
      assertThat(dead.get("position").asLong()).isEqualTo(2);
      assertThat(dead.get("reason").asText()).isEqualTo("invalid UTF-8 at byte 32 of the line");
    });
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.err()).startsWith("runnel: job 'order-alerts' failed: " + input
        + ":2: invalid UTF-8 at byte 32 of the line");
  }

  @Test
  void when_deadLetterOutputGiven_then_badLineLandsThereAndTheRestIsProcessed()
      throws IOException {
    List<InputOrder> orders = randomOrders(13L, 3000);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      lines.add(jsonLine(orders.get(i), i));
    }
    String bad = "{\"order_id\":\"o500\",\"user_id\":\"u1\",\"amount\":\"lots\"}";
    lines.set(500, bad); // line 501
    Path input = writeInput(lines);
    Path output = dir.resolve("alerts.jsonl");
    Path deadLetters = dir.resolve("dead-letters.jsonl");

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", output.toString(), "--parallelism", "2",
        "--dead-letter-output", deadLetters.toString());

    assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).endsWith(" out, 1 dead letter");
    List<JsonNode> dead = readLines(deadLetters);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).get("position").asLong()).isEqualTo(501);
    assertThat(dead.get(0).get("raw").asText()).isEqualTo(bad);
    assertThat(dead.get(0).get("source").asText()).contains(input.getFileName().toString());
    assertThat(dead.get(0).get("reason").asText()).isNotBlank();
    List<InputOrder> good = new ArrayList<>(orders);
    good.remove(500);
    assertOutput(readLines(output), expected(good, new BigDecimal("500")), good);
  }
}
