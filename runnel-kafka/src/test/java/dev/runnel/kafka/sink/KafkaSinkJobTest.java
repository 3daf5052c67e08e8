package dev.runnel.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.KeyedValue;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink in real jobs: exactly once across an in-process restart, at least once without. */
class KafkaSinkJobTest {
  private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedKafkaBroker kafka;

  @TempDir
  Path checkpoints;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafkaBroker.builder().start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  /** Every value the topic holds for each key, in offset order (keys stay in one partition). */
  static Map<Long, List<Long>> valuesByKey(EmbeddedKafkaBroker kafka, String topic)
      throws Exception {
    Map<Long, List<Long>> byKey = new TreeMap<>();
    for (ConsumerRecord<String, String> r : KafkaTopics.readCommitted(kafka.bootstrapServers(),
        topic)) {
      JsonNode node = JSON.readTree(r.value());
      assertThat(r.key()).isEqualTo(node.get("key").asText());
      byKey.computeIfAbsent(node.get("key").asLong(), k -> new ArrayList<>())
          .add(node.get("value").asLong());
    }
    return byKey;
  }

  /** The output of a failure-free run: each key's running count, 1, 2, … in order. */
  static Map<Long, List<Long>> runningCounts(long n, int keys) {
    Map<Long, List<Long>> expected = new TreeMap<>();
    for (long k = 0; k < keys; k++) {
      long perKey = n / keys + (k < n % keys ? 1 : 0);
      expected.put(k, LongStream.rangeClosed(1, perKey).boxed().toList());
    }
    return expected;
  }

  @Test
  void when_jobFailsAndRestartsFromItsCheckpoint_then_readCommittedSeesEachRecordOnce()
      throws Exception {
    long n = 30_000;
    FAILED_ONCE.set(false);
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.enableCheckpointing(Duration.ofMillis(100)).setCheckpointDirectory(checkpoints);
    env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ZERO));
    env.fromSource(GeneratorSource.of(i -> i).count(n).ratePerSecond(20_000).build(), "numbers")
        .uid("numbers")
        .keyBy(i -> i % 10).count().uid("count")
        .map(kv -> {
          if (kv.key() == 3 && kv.value() == 1_500 && FAILED_ONCE.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure");
          }
          return kv;
        }).uid("fails-once")
        .sinkTo(KafkaSink.<KeyedValue<Long, Long>>builder()
            .bootstrapServers(kafka.bootstrapServers())
            .topic("counts")
            .key(KeyedValue::key)
            .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .transactionalIdPrefix("counts-job")
            .createTopicIfMissing(4)
            .build()).uid("kafka");

    JobResult result = env.execute("counts-job");

    assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(FAILED_ONCE).isTrue();
    assertThat(valuesByKey(kafka, "counts")).isEqualTo(runningCounts(n, 10));
  }

  @Test
  void when_jobRunsWithoutCheckpoints_then_everyRecordArrives() throws Exception {
    long n = 5_000;
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.fromSource(GeneratorSource.of(i -> i).count(n).build(), "numbers")
        .keyBy(i -> i % 10).count()
        .sinkTo(KafkaSink.<KeyedValue<Long, Long>>builder()
            .bootstrapServers(kafka.bootstrapServers())
            .topic("counts-unchecked")
            .key(KeyedValue::key)
            .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .transactionalIdPrefix("counts-unchecked-job")
            .createTopicIfMissing(2)
            .build());

    assertThat(env.execute("counts-unchecked-job").status()).isEqualTo(JobStatus.FINISHED);
    assertThat(valuesByKey(kafka, "counts-unchecked")).isEqualTo(runningCounts(n, 10));
  }
}
