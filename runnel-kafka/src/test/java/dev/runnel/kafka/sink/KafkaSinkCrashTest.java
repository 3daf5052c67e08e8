package dev.runnel.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through Kafka under crashes: {@link KafkaCrashJob} (a keyed running count written
 * exactly-once to a topic, checkpoints every 150–400 ms) runs in a child JVM, is killed with
 * SIGKILL at random moments and started again with the latest checkpoint, until it finishes. A
 * {@code read_committed} consumer's view of the topic must then equal the output of a run without
 * failures, as a multiset and per key in order, and no transaction of a killed process may be
 * left open (it would hold back what read_committed consumers see).
 *
 * <p>The default suite kills 5 times; {@code mvn verify -Psoak} adds a run with 100 kills.
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
    KafkaTopics.create(kafka.bootstrapServers(), topic, 3);
    Random random = new Random(seed);
    long records = Math.max(5, kills) * (long) RATE;
    Path checkpoints = dir.resolve("checkpoints");
    int killed = 0;
    int attempt = 0;
    while (true) {
      attempt++;
      Path log = dir.resolve("attempt-" + attempt + ".log");
      long started = System.nanoTime();
      Process process = child(topic, checkpoints, records, 150 + random.nextInt(251), log);
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
    assertThat(committed).as("committed output, seed %d", seed)
        .isEqualTo(KafkaSinkJobTest.runningCounts(records, KafkaCrashJob.KEYS));
  }

  private static Process child(String topic, Path checkpoints, long records, int intervalMs,
      Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(KafkaCrashJob.class.getName());
    command.addAll(List.of(kafka.bootstrapServers(), checkpoints.toString(), topic,
        Long.toString(records), Integer.toString(RATE), Integer.toString(intervalMs)));
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
