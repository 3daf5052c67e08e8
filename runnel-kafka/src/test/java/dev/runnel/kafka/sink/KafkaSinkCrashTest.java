package dev.runnel.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through Kafka under crashes: {@link KafkaCrashJob} (reads a 4-partition topic, keeps
 * a running sum per key and writes it exactly-once to a topic, checkpoints every 150–400 ms) runs
 * in a child JVM, is killed with
 * SIGKILL at random moments and started again with the latest checkpoint, until it finishes. A
 * {@code read_committed} consumer's view of the topic must then equal the output of a run without
 * failures, as a multiset and per key in order, and no transaction of a killed process may be
 * left open (it would hold back what read_committed consumers see).
 *
 * <p>The default suite kills 5 times; {@code mvn verify -Psoak} adds a run with 100 kills. With
 * the environment variable {@code KEEP_CRASH_LOGS} set, each attempt's log is printed.
 */
class KafkaSinkCrashTest {
  /** Input records per second; a run without failures takes {@code 1 s} per kill planned. */
  private static final int RATE = 8_000;
  private static EmbeddedKafkaBroker kafka;

  @TempDir
  Path dir;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafkaBroker.builder().start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void when_killedFiveTimesAtRandomMoments_then_readCommittedSeesTheFailureFreeOutput()
      throws Exception {
    crashUntilDone("crash-5", 5, 2026_12_02L);
  }

  @Test
  @Tag("soak")
  void soak_when_killedAHundredTimes_then_readCommittedSeesTheFailureFreeOutput()
      throws Exception {
    crashUntilDone("crash-100", 100, System.nanoTime());
  }

  private void crashUntilDone(String topic, int kills, long seed) throws Exception {
    Random random = new Random(seed);
    long records = Math.max(5, kills) * (long) RATE;
    String input = topic + "-input";
    KafkaTopics.create(kafka.bootstrapServers(), input, 4);
    KafkaTopics.create(kafka.bootstrapServers(), topic, 3);
    writeInput(input, records);
    Path checkpoints = dir.resolve("checkpoints");
    int killed = 0;
    int attempt = 0;
    while (true) {
      attempt++;
      Path log = dir.resolve("attempt-" + attempt + ".log");
      long started = System.nanoTime();
      Process process = child(input, topic, checkpoints, 150 + random.nextInt(251), log);
      if (killed < kills) {
        // Starting (the JVM, recovery, the first transaction) takes 2-3 s: some kills come
        // during recovery, most while records flow.
        long delay = 1000 + random.nextInt(4000);
        if (!process.waitFor(delay, TimeUnit.MILLISECONDS)) {
          process.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed or aborted
          process.waitFor();
          killed++;
          if (System.getenv("KEEP_CRASH_LOGS") != null) {
            System.err.println("KILLED after " + delay + " ms:\n" + Files.readString(log));
          }
          continue;
        }
      } else {
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("last run ends").isTrue();
      }
      System.err.printf("%s attempt %d finished in %d ms%n", topic, attempt,
          (System.nanoTime() - started) / 1_000_000);
      if (System.getenv("KEEP_CRASH_LOGS") != null) {
        System.err.println(Files.readString(log));
      }
      assertThat(process.exitValue()).as("attempt %d (seed %d): %s", attempt, seed,
          Files.readString(log)).isZero();
      break;
    }
    assertThat(killed).as("kills before the job could finish (seed %d)", seed).isEqualTo(kills);

    assertThat(openTransactions()).as("transactions left open (seed %d)", seed).isEmpty();
    assertThat(lastStableOffsets(topic)).as("read_committed is not held back (seed %d)", seed)
        .isEqualTo(logEndOffsets(topic));
    Map<Long, List<Long>> committed = KafkaSinkJobTest.valuesByKey(kafka, topic);
    // Per key in order; since each key's expected values are distinct, equal lists per key also
    // mean an equal multiset.
    Map<Long, List<Long>> expected = runningSums(records);
    assertThat(committed).as("committed output, seed %d: %s", seed,
        differences(expected, committed)).isEqualTo(expected);
  }

  /**
   * The numbers {@code 0 … records-1}, each keyed by {@code n % KEYS}, so that a key's numbers are
   * in one partition, in order: the job's running sums are then the same in every run.
   */
  private static void writeInput(String topic, long records) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new StringSerializer())) {
      for (long n = 0; n < records; n++) {
        producer.send(new ProducerRecord<>(topic, Long.toString(n % KafkaCrashJob.KEYS),
            Long.toString(n)));
      }
      producer.flush();
    }
  }

  /** Per key: the sizes, and the first position where the lists differ. */
  private static String differences(Map<Long, List<Long>> expected,
      Map<Long, List<Long>> actual) {
    StringBuilder out = new StringBuilder();
    for (Long key : expected.keySet()) {
      List<Long> e = expected.get(key);
      List<Long> a = actual.getOrDefault(key, List.of());
      int i = 0;
      while (i < e.size() && i < a.size() && e.get(i).equals(a.get(i))) {
        i++;
      }
      if (i < e.size() || i < a.size()) {
        out.append(String.format("%nkey %d: expected %d values, got %d; first difference at %d:"
            + " expected %s, got %s", key, e.size(), a.size(), i,
            e.subList(i, Math.min(e.size(), i + 3)), a.subList(i, Math.min(a.size(), i + 3))));
      }
    }
    return out.toString();
  }

  /** The output of a run without failures: each key's running sum, in order. */
  private static Map<Long, List<Long>> runningSums(long records) {
    Map<Long, List<Long>> expected = new TreeMap<>();
    Map<Long, Long> sums = new HashMap<>();
    for (long n = 0; n < records; n++) {
      long key = n % KafkaCrashJob.KEYS;
      long sum = sums.merge(key, n, Long::sum);
      expected.computeIfAbsent(key, k -> new ArrayList<>()).add(sum);
    }
    return expected;
  }

  private static Process child(String input, String output, Path checkpoints, int intervalMs,
      Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(KafkaCrashJob.class.getName());
    command.addAll(List.of(kafka.bootstrapServers(), checkpoints.toString(), input, output,
        Integer.toString(RATE), Integer.toString(intervalMs)));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  private static List<String> openTransactions() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      return admin.listTransactions(new ListTransactionsOptions()
              .filterStates(Set.of(TransactionState.ONGOING))).all().get().stream()
          .map(TransactionListing::transactionalId)
          .filter(id -> id.startsWith(KafkaCrashJob.PREFIX + "-"))
          .collect(Collectors.toList());
    }
  }

  private static Map<TopicPartition, Long> lastStableOffsets(String topic) {
    return endOffsets(topic, "read_committed");
  }

  private static Map<TopicPartition, Long> logEndOffsets(String topic) {
    return endOffsets(topic, "read_uncommitted");
  }

  private static Map<TopicPartition, Long> endOffsets(String topic, String isolation) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
      return consumer.endOffsets(partitions);
    }
  }
}
