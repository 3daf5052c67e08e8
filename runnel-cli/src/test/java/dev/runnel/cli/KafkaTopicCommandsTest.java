package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runnel kafka topics}, {@code produce} and {@code consume} against a real broker. */
class KafkaTopicCommandsTest {
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
  void when_topicsCreated_then_listedSortedAndDescribedWithTheirPartitions() throws Exception {
    CliRun created = kafka("topics", "--create", "t-orders", "--partitions", "3");
    assertThat(created.exitCode()).isZero();
    assertThat(created.out()).isEmpty();
    assertThat(created.errLines())
        .containsExactly("runnel: kafka: created topic 't-orders' with 3 partitions");
    assertThat(kafka("topics", "--create", "t-alerts").exitCode()).isZero();

    CliRun list = kafka("topics", "--list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.outLines()).containsSubsequence("t-alerts", "t-orders");
    assertThat(list.outLines()).noneMatch(name -> name.startsWith("__"));

    Path lines = dir.resolve("lines.txt");
    Files.writeString(lines, "a\nb\n");
    assertThat(kafka("produce", "t-alerts", "--input", lines.toString()).exitCode()).isZero();
    CliRun describe = kafka("topics", "--describe", "t-alerts");
    assertThat(describe.exitCode()).isZero();
    assertThat(describe.outLines()).containsExactly("topic t-alerts: 1 partition",
        "  partition 0: leader 1, replicas [1], in sync [1], first offset 0, next offset 2");
    assertThat(kafka("topics", "--describe", "t-orders").outLines()).hasSize(4);
  }

  @Test
  void when_topicExistsOrIsMissing_then_oneLineAndExit1() {
    assertThat(kafka("topics", "--create", "t-twice").exitCode()).isZero();

    CliRun again = kafka("topics", "--create", "t-twice");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.errLines()).containsExactly(
        "runnel: topic 't-twice' already exists at " + kafka.bootstrapServers());

    CliRun missing = kafka("topics", "--describe", "t-nowhere");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.errLines()).containsExactly("runnel: topic 't-nowhere' does not exist at "
        + kafka.bootstrapServers() + " (create it with 'runnel kafka topics --create t-nowhere "
        + "--partitions N')");
  }

  @Test
  void when_topicsCommandLineIsWrong_then_usageErrors() {
    assertThat(kafka("topics").exitCode()).isEqualTo(2);
    assertThat(kafka("topics", "--list", "--create", "x").exitCode()).isEqualTo(2);
    CliRun partitions = kafka("topics", "--create", "x", "--partitions", "0");
    assertThat(partitions.exitCode()).isEqualTo(2);
    assertThat(partitions.errLines()).containsExactly(
        "runnel: invalid value '0' for option --partitions: must be at least 1");
    CliRun name = kafka("topics", "--create", "no/slash");
    assertThat(name.exitCode()).isEqualTo(2);
    assertThat(name.err()).contains("invalid topic name 'no/slash'");
  }

  @Test
  void when_producedWithAKeyField_then_eachKeysRecordsShareAPartitionInFileOrder()
      throws Exception {
    assertThat(kafka("topics", "--create", "t-keyed", "--partitions", "3").exitCode()).isZero();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add("{\"order_id\":\"o" + i + "\",\"customer_id\":\"c" + (i % 5) + "\",\"amount\":"
          + i + "}");
    }
    Path input = dir.resolve("orders.jsonl");
    Files.write(input, lines);

    CliRun produce = kafka("produce", "t-keyed", "--input", input.toString(),
        "--key-field", "customer_id");

    assertThat(produce.exitCode()).isZero();
    assertThat(produce.errLines()).containsExactly("runnel: kafka: produced 30 records to t-keyed");
    List<ConsumerRecord<String, String>> records = readAll("t-keyed", 3, 30);
    Map<String, Integer> partitionOfKey = new HashMap<>();
    Map<String, List<String>> valuesOfKey = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      assertThat(record.value()).contains("\"customer_id\":\"" + record.key() + "\"");
      Integer partition = partitionOfKey.putIfAbsent(record.key(), record.partition());
      assertThat(partition == null ? record.partition() : partition)
          .as("partition of %s", record.key()).isEqualTo(record.partition());
      valuesOfKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
    }
    assertThat(partitionOfKey).hasSize(5);
    for (Map.Entry<String, List<String>> e : valuesOfKey.entrySet()) {
      assertThat(e.getValue()).as("records of %s", e.getKey()).isEqualTo(
          lines.stream().filter(l -> l.contains("\"" + e.getKey() + "\"")).toList());
    }
  }

  @Test
  void when_producedWithoutAKeyField_then_recordsHaveNoKeyAndEmptyLinesAreSkipped()
      throws Exception {
    assertThat(kafka("topics", "--create", "t-plain").exitCode()).isZero();
    Path input = dir.resolve("plain.txt");
    Files.writeString(input, "first line\n\nnot json at all\n");

    CliRun produce = kafka("produce", "t-plain", "--input", input.toString());

    assertThat(produce.exitCode()).isZero();
    List<ConsumerRecord<String, String>> records = readAll("t-plain", 1, 2);
    assertThat(records).extracting(ConsumerRecord::value)
        .containsExactly("first line", "not json at all");
    assertThat(records).extracting(ConsumerRecord::key).containsOnlyNulls();
  }

  @Test
  void when_aLineLacksTheKeyField_then_fileAndLineAreNamedAndEarlierLinesAreProduced()
      throws Exception {
    assertThat(kafka("topics", "--create", "t-bad").exitCode()).isZero();
    Path input = dir.resolve("bad.jsonl");
    Files.writeString(input, "{\"customer_id\":\"c1\"}\n{\"user\":\"c2\"}\n{\"customer_id\":3}\n");

    CliRun produce = kafka("produce", "t-bad", "--input", input.toString(),
        "--key-field", "customer_id");

    assertThat(produce.exitCode()).isEqualTo(1);
    assertThat(produce.errLines()).containsExactly("runnel: " + input
        + ":2: field 'customer_id' is missing (1 records before it were produced to t-bad)");
    assertThat(readAll("t-bad", 1, 1)).extracting(ConsumerRecord::key).containsExactly("c1");
  }

  @Test
  void when_producingToAMissingTopicOrFile_then_clearErrors() {
    CliRun topic = kafka("produce", "t-absent", "--input", "pom.xml");
    assertThat(topic.exitCode()).isEqualTo(1);
    assertThat(topic.err()).contains("topic 't-absent' does not exist");

    CliRun file = kafka("produce", "t-absent", "--input", dir.resolve("none.txt").toString());
    assertThat(file.exitCode()).isEqualTo(2);
    assertThat(file.err()).contains("input file not found");
  }

  @Test
  void when_consumedReadCommitted_then_onlyCommittedTransactionsShow_andMaxAndTimeoutStopIt()
      throws Exception {
    assertThat(kafka("topics", "--create", "t-tx", "--partitions", "2").exitCode()).isZero();
    Map<String, Object> settings = Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "transactional.id", "t-tx-writer");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("t-tx", "k1", "committed-1"));
      producer.send(new ProducerRecord<>("t-tx", "k2", "committed-2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("t-tx", "k1", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("t-tx", "k2", "still-open"));
      producer.flush();

      long started = System.nanoTime();
      CliRun all = kafka("consume", "t-tx", "--from-beginning", "--timeout", "2s");
      assertThat(all.exitCode()).isZero();
      assertThat(all.outLines()).containsExactlyInAnyOrder("committed-1", "committed-2");
      assertThat(all.errLines()).containsExactly("runnel: kafka: consumed 2 records from t-tx");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));

      CliRun one = kafka("consume", "t-tx", "--from-beginning", "--max", "1");
      assertThat(one.exitCode()).isZero();
      assertThat(one.outLines()).hasSize(1).isSubsetOf("committed-1", "committed-2");

      producer.commitTransaction();
    }
    CliRun afterCommit = kafka("consume", "t-tx", "--from-beginning", "--max", "3",
        "--timeout", "20s");
    assertThat(afterCommit.outLines())
        .containsExactlyInAnyOrder("committed-1", "committed-2", "still-open");

    CliRun fromEnd = kafka("consume", "t-tx", "--timeout", "1s");
    assertThat(fromEnd.exitCode()).isZero();
    assertThat(fromEnd.out()).isEmpty();
  }

  private static CliRun kafka(String... args) {
    List<String> all = new ArrayList<>(List.of("kafka"));
    all.addAll(List.of(args));
    all.add("--bootstrap-servers");
    all.add(kafka.bootstrapServers());
    return CliRun.of(all.toArray(String[]::new));
  }

  /** The first {@code count} records of the topic, read directly with Kafka's consumer. */
  private static List<ConsumerRecord<String, String>> readAll(
      String topic, int partitions, int count) {
    Map<String, Object> settings = Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "isolation.level", "read_committed");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
        settings, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> assigned = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        assigned.add(new TopicPartition(topic, p));
      }
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).hasSize(count);
    return records;
  }
}
