package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packaged jobs over Kafka topics, through the {@code runnel} command, against a real broker: the
 * results on a topic are the results the same job writes to a file, keyed by the job's key.
 */
class KafkaJobEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ORDERS = 300;

  private static EmbeddedKafkaBroker kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafkaBroker.builder().start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void when_fileInputIsWrittenToAMissingTopicWithCheckpoints_then_topicHoldsTheFileResultsOnce()
      throws Exception {
    Path orders = ordersFile(ORDERS);
    Path expected = dir.resolve("alerts.jsonl");
    assertThat(CliRun.of("run", "order-alerts", "--input", orders.toString(),
        "--output", expected.toString(), "--parallelism", "2").exitCode()).isZero();

    CliRun run = CliRun.of("run", "order-alerts", "--input", orders.toString(),
        "--output", "kafka:file-alerts", "--bootstrap-servers", kafka.bootstrapServers(),
        "--parallelism", "2", "--checkpoint-interval", "100ms",
        "--checkpoint-dir", dir.resolve("chk").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains(ORDERS + " records in, " + ORDERS + " out");
    assertThat(partitions("file-alerts")).as("a file input makes a one-partition topic")
        .isEqualTo(1);
    assertThat(byKey(readCommitted("file-alerts", ORDERS)))
        .isEqualTo(byCustomer(Files.readAllLines(expected)));
  }

  /**
   * The records' values by key, in topic order; checks that each record is keyed by its
   * customer.
   */
  static Map<String, List<String>> byKey(List<ConsumerRecord<String, String>> records)
      throws IOException {
    Map<String, List<String>> values = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      assertThat(record.key()).isEqualTo(JSON.readTree(record.value()).get("customer_id").asText());
      values.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
    }
    return values;
  }

  /** Result lines by their customer, in file order. */
  static Map<String, List<String>> byCustomer(List<String> lines) throws IOException {
    Map<String, List<String>> values = new HashMap<>();
    for (String line : lines) {
      values.computeIfAbsent(JSON.readTree(line).get("customer_id").asText(),
          k -> new ArrayList<>()).add(line);
    }
    return values;
  }

  @Test
  void when_deadLettersGoToATopic_then_eachBadLineIsThereWithItsReason() throws Exception {
    Path input = dir.resolve("orders-with-bad.jsonl");
    Files.writeString(input, String.join("\n",
        "{\"order_id\":\"o1\",\"customer_id\":\"c1\",\"amount\":10}",
        "{\"order_id\":\"o2\",\"amount\":20}",
        "not json",
        "{\"order_id\":\"o3\",\"customer_id\":\"c1\",\"amount\":30}") + "\n");

    CliRun run = CliRun.of("run", "order-alerts", "--input", input.toString(),
        "--output", "kafka:dl-alerts", "--dead-letter-output", "kafka:dl-bad",
        "--bootstrap-servers", kafka.bootstrapServers(), "--parallelism", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("2 dead letters");
    assertThat(readCommitted("dl-alerts", 2)).extracting(r -> r.key() + " " + total(r))
        .containsExactly("c1 10", "c1 40");
    List<ConsumerRecord<String, String>> deadLetters = readCommitted("dl-bad", 2);
    JsonNode first = JSON.readTree(deadLetters.get(0).value());
    assertThat(first.get("reason").asText()).contains("customer_id");
    assertThat(first.get("position").asLong()).isEqualTo(2);
    assertThat(first.get("raw").asText()).isEqualTo("{\"order_id\":\"o2\",\"amount\":20}");
    assertThat(JSON.readTree(deadLetters.get(1).value()).get("raw").asText())
        .isEqualTo("not json");
  }

  @Test
  void when_aTopicIsReadAndWrittenWithCheckpoints_then_theOutputTopicHoldsTheFileRunsResults()
      throws Exception {
    Path orders = ordersFile(ORDERS);
    Path expected = dir.resolve("alerts.jsonl");
    assertThat(CliRun.of("run", "order-alerts", "--input", orders.toString(),
        "--output", expected.toString()).exitCode()).isZero();
    assertThat(kafkaCommand("topics", "--create", "tt-orders", "--partitions", "3").exitCode())
        .isZero();
    assertThat(kafkaCommand("produce", "tt-orders", "--input", orders.toString(),
        "--key-field", "customer_id").exitCode()).isZero();

    CliRun run = CliRun.of("run", "order-alerts", "--input", "kafka:tt-orders",
        "--output", "kafka:tt-alerts", "--bounded", "--bootstrap-servers",
        kafka.bootstrapServers(), "--parallelism", "2", "--checkpoint-interval", "100ms",
        "--checkpoint-dir", dir.resolve("chk").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains(ORDERS + " records in, " + ORDERS + " out");
    assertThat(partitions("tt-alerts")).as("the input's partition count").isEqualTo(3);
    assertThat(byKey(readCommitted("tt-alerts", ORDERS)))
        .isEqualTo(byCustomer(Files.readAllLines(expected)));
  }

  @Test
  void when_anEventTimeJobReadsATopic_then_resultsAndLateRecordsMatchTheFileRun()
      throws Exception {
    Path orders = dir.resolve("timed.jsonl");
    Files.write(orders, List.of(
        timedOrder("o1", "c1", 10, "2026-01-01T10:05:00Z"),
        timedOrder("o2", "c2", 20, "2026-01-01T10:20:00Z"),
        timedOrder("o3", "c1", 30, "2026-01-01T11:10:00Z"),
        timedOrder("o4", "c2", 40, "2026-01-01T10:30:00Z"),
        timedOrder("o5", "c1", 50, "2026-01-01T12:30:00Z")));
    Path expected = dir.resolve("hourly.jsonl");
    Path expectedLate = dir.resolve("late.jsonl");
    assertThat(CliRun.of("run", "hourly-order-totals", "--input", orders.toString(),
        "--output", expected.toString(), "--late-output", expectedLate.toString(),
        "--out-of-orderness", "0").exitCode()).isZero();
    assertThat(Files.readAllLines(expectedLate)).hasSize(1);
    assertThat(kafkaCommand("topics", "--create", "et-orders").exitCode()).isZero();
    assertThat(kafkaCommand("produce", "et-orders", "--input", orders.toString(),
        "--key-field", "customer_id").exitCode()).isZero();

    CliRun run = CliRun.of("run", "hourly-order-totals", "--input", "kafka:et-orders",
        "--output", "kafka:et-hourly", "--late-output", "kafka:et-late", "--bounded",
        "--out-of-orderness", "0", "--bootstrap-servers", kafka.bootstrapServers());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(byKey(readCommitted("et-hourly", Files.readAllLines(expected).size())))
        .isEqualTo(byCustomer(Files.readAllLines(expected)));
    assertThat(byKey(readCommitted("et-late", 1)))
        .isEqualTo(byCustomer(Files.readAllLines(expectedLate)));
  }

  @Test
  void when_recordsOfATopicCannotBeDecoded_then_deadLettersKeepTopicPartitionOffsetAndBytes()
      throws Exception {
    assertThat(kafkaCommand("topics", "--create", "kd-orders").exitCode()).isZero();
    Path input = dir.resolve("kd.jsonl");
    Files.writeString(input, String.join("\n",
        "{\"order_id\":\"o1\",\"customer_id\":\"c1\",\"amount\":10}",
        "{\"order_id\":\"o2\",\"amount\":20}",
        "{\"order_id\":\"o3\",\"customer_id\":\"c1\",\"amount\":30}") + "\n");
    assertThat(kafkaCommand("produce", "kd-orders", "--input", input.toString()).exitCode())
        .isZero();

    CliRun failing = CliRun.of("run", "order-alerts", "--input", "kafka:kd-orders",
        "--output", "kafka:kd-alerts-1", "--bounded", "--bootstrap-servers",
        kafka.bootstrapServers(), "--parallelism", "1");
    assertThat(failing.exitCode()).isEqualTo(1);
    assertThat(failing.errLines()).singleElement(InstanceOfAssertFactories.STRING)
        .contains("job 'order-alerts' failed: topic kd-orders, partition 0, offset 1: "
            + "field 'customer_id' is missing");

    CliRun run = CliRun.of("run", "order-alerts", "--input", "kafka:kd-orders",
        "--output", "kafka:kd-alerts", "--dead-letter-output", "kafka:kd-bad", "--bounded",
        "--bootstrap-servers", kafka.bootstrapServers(), "--parallelism", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("1 dead letter");
    assertThat(readCommitted("kd-alerts", 2)).extracting(r -> r.key() + " " + total(r))
        .containsExactly("c1 10", "c1 40");
    JsonNode deadLetter = JSON.readTree(readCommitted("kd-bad", 1).get(0).value());
    assertThat(deadLetter.get("topic").asText()).isEqualTo("kd-orders");
    assertThat(deadLetter.get("partition").asInt()).isZero();
    assertThat(deadLetter.get("offset").asLong()).isEqualTo(1);
    assertThat(deadLetter.get("reason").asText()).isEqualTo("field 'customer_id' is missing");
    assertThat(new String(deadLetter.get("value").binaryValue(), StandardCharsets.UTF_8))
        .isEqualTo("{\"order_id\":\"o2\",\"amount\":20}");
  }

  @Test
  void when_startingOffsetsLatestAndBounded_then_nothingIsRead_andEarliestRereadsTheTopic()
      throws Exception {
    assertThat(kafkaCommand("topics", "--create", "so-orders").exitCode()).isZero();
    assertThat(kafkaCommand("produce", "so-orders", "--input", ordersFile(20).toString(),
        "--key-field", "customer_id").exitCode()).isZero();

    CliRun latest = CliRun.of("run", "order-alerts", "--input", "kafka:so-orders",
        "--output", dir.resolve("latest.jsonl").toString(), "--starting-offsets", "latest",
        "--bounded", "--bootstrap-servers", kafka.bootstrapServers());
    assertThat(latest.exitCode()).as(latest.err()).isZero();
    assertThat(latest.err()).contains("0 records in, 0 out");

    for (int run = 0; run < 2; run++) {
      CliRun earliest = CliRun.of("run", "order-alerts", "--input", "kafka:so-orders",
          "--output", dir.resolve("earliest-" + run).toString(), "--bounded",
          "--checkpoint-dir", dir.resolve("chk-" + run).toString(),
          "--bootstrap-servers", kafka.bootstrapServers());
      assertThat(earliest.exitCode()).as(earliest.err()).isZero();
      assertThat(earliest.err()).contains("20 records in, 20 out");
    }
  }

  @Test
  void when_theInputTopicIsMissing_then_oneLineSayingHowToCreateIt() {
    CliRun run = CliRun.of("run", "order-alerts", "--input", "kafka:no-such-topic",
        "--output", "kafka:x", "--bootstrap-servers", kafka.bootstrapServers());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).containsExactly("runnel: Kafka topic 'no-such-topic' does not "
        + "exist at " + kafka.bootstrapServers() + " (create it with 'runnel kafka topics "
        + "--create no-such-topic --partitions N')");
  }

  @Test
  void when_noKafkaAtTheAddress_then_runFailsWithOneLineWithinTheConnectTimeout()
      throws Exception {
    String nowhere;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      nowhere = "127.0.0.1:" + socket.getLocalPort();
    }
    long started = System.nanoTime();

    CliRun run = CliRun.of("run", "order-alerts", "--input", ordersFile(3).toString(),
        "--output", "kafka:nowhere", "--bootstrap-servers", nowhere, "--connect-timeout", "2s");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines()).containsExactly("runnel: cannot reach Kafka at " + nowhere
        + " within 2s: is a broker running there? ('runnel kafka start' runs one)");
  }

  @Test
  void when_kafkaOptionsWithoutATopic_then_usageError() throws Exception {
    Path orders = ordersFile(3);

    CliRun groupId = CliRun.of("run", "order-alerts", "--input", orders.toString(),
        "--output", dir.resolve("out.jsonl").toString(), "--group-id", "g");
    assertThat(groupId.exitCode()).isEqualTo(2);
    assertThat(groupId.errLines()).containsExactly("runnel: --group-id applies to Kafka topics, "
        + "and neither the input nor an output is one (kafka:TOPIC)");

    CliRun bounded = CliRun.of("run", "order-alerts", "--input", orders.toString(),
        "--output", "kafka:x", "--bounded");
    assertThat(bounded.exitCode()).isEqualTo(2);
    assertThat(bounded.errLines())
        .containsExactly("runnel: --bounded applies to a Kafka input (--input kafka:TOPIC)");

    CliRun topic = CliRun.of("run", "order-alerts", "--input", orders.toString(),
        "--output", "kafka:");
    assertThat(topic.exitCode()).isEqualTo(2);
    assertThat(topic.err()).contains("invalid value 'kafka:' for option --output");

    CliRun property = CliRun.of("run", "order-alerts", "--input", orders.toString(),
        "--output", "kafka:x", "--kafka-property", "no-equals-sign");
    assertThat(property.exitCode()).isEqualTo(2);
    assertThat(property.errLines()).containsExactly("runnel: invalid value 'no-equals-sign' for "
        + "option --kafka-property: expected KEY=VALUE");
  }

  private static String timedOrder(String id, String customer, int amount, String timestamp) {
    return "{\"order_id\":\"" + id + "\",\"customer_id\":\"" + customer + "\",\"amount\":"
        + amount + ",\"timestamp\":\"" + timestamp + "\"}";
  }

  private static CliRun kafkaCommand(String... args) {
    List<String> all = new ArrayList<>(List.of("kafka"));
    all.addAll(List.of(args));
    all.add("--bootstrap-servers");
    all.add(kafka.bootstrapServers());
    return CliRun.of(all.toArray(String[]::new));
  }

  private static String total(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value()).get("total").decimalValue().stripTrailingZeros()
          .toPlainString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code count} orders of 7 customers as JSON lines, amounts and customers varying. */
  private Path ordersFile(int count) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("{\"order_id\":\"o" + i + "\",\"customer_id\":\"c" + (i * 5 % 7)
          + "\",\"amount\":" + (10 + i * 37 % 290) + "." + (i % 10) + "0}");
    }
    Path file = Files.createTempFile(dir, "orders", ".jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private static int partitions(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
          .size();
    }
  }

  /**
   * The first {@code count} records of the topic as a {@code read_committed} consumer sees them,
   * partition by partition in offset order; fails if there are more within a short wait.
   */
  static List<ConsumerRecord<String, String>> readCommitted(String topic, int count)
      throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("bootstrap.servers", kafka.bootstrapServers());
    settings.put("isolation.level", "read_committed");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
        settings, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> assigned = new ArrayList<>();
      for (int p = 0; p < partitions(topic); p++) {
        assigned.add(new TopicPartition(topic, p));
      }
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      // Anything beyond the expected count would be a duplicate: give it a moment to show.
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    assertThat(records).as("records of %s", topic).hasSize(count);
    records.sort((a, b) -> a.partition() != b.partition()
        ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
    return records;
  }
}
