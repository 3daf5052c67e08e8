package dev.runnel.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics, records and sinks for the source's tests, against a real broker. */
final class KafkaTestSupport {
  private KafkaTestSupport() {}

  static Admin admin(EmbeddedKafkaBroker kafka) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return Admin.create(p);
  }

  static void createTopic(EmbeddedKafkaBroker kafka, String topic, int partitions,
      Map<String, String> configs) throws Exception {
    try (Admin admin = admin(kafka)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
          .all().get();
      awaitLeaders(admin, topic, partitions);
    }
  }

  /**
   * Waits until every partition of {@code topic} has a leader: the first records written to a
   * topic just created otherwise meet NOT_LEADER_OR_FOLLOWER and are retried.
   */
  static void awaitLeaders(Admin admin, String topic, int partitions) {
    await("leaders of " + topic, Duration.ofSeconds(20), () -> {
      try {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().size() == partitions
            && description.partitions().stream().allMatch(p -> p.leader() != null);
      } catch (Exception e) {
        return false;
      }
    });
  }

  static void createTopic(EmbeddedKafkaBroker kafka, String topic, int partitions)
      throws Exception {
    createTopic(kafka, topic, partitions, Map.of());
  }

  static KafkaProducer<byte[], byte[]> producer(EmbeddedKafkaBroker kafka) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
    // Not idempotent: on a topic that gains partitions while it is written, the idempotent
    // producer's sequence numbers could get out of step with the broker's and be retried for
    // ever (OUT_OF_ORDER_SEQUENCE_NUMBER); one request in flight keeps each partition in order.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Writes {@code value} (UTF-8) to {@code partition}, at {@code timestamp} if not null. */
  static void send(KafkaProducer<byte[], byte[]> producer, String topic, int partition,
      Long timestamp, byte[] key, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value)).get();
  }

  static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes {@code count} records "p-i" (i from {@code from}) to each partition of a topic. */
  static List<String> fill(KafkaProducer<byte[], byte[]> producer, String topic, int partitions,
      int from, int count) throws Exception {
    List<String> values = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      for (int p = 0; p < partitions; p++) {
        String v = p + "-" + i;
        producer.send(new ProducerRecord<>(topic, p, null, utf8(v)));
        values.add(v);
      }
    }
    producer.flush();
    return values;
  }

  /** Waits for {@code condition}, checking every 20 ms, failing after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20); // polling interval of the condition, not a synchronization
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** What each named sink was given, in order. */
  static final Map<String, Queue<Object>> WRITTEN = new ConcurrentHashMap<>();

  /** A sink that adds each record to {@link #WRITTEN} under {@code name} as it comes. */
  static <T> Sink<T> collecting(String name) {
    WRITTEN.put(name, new ConcurrentLinkedQueue<>());
    return context -> record -> WRITTEN.get(name).add(record);
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> written(String name) {
    return new ArrayList<>((Collection<T>) WRITTEN.get(name));
  }

  /** Batches of a two-phase sink, committed once each; by sink name. */
  static final Map<String, Map<String, List<Object>>> COMMITTED = new ConcurrentHashMap<>();

  record Batch(String id, ArrayList<Object> records) implements Serializable {}

  /**
   * An exactly-once sink: a writer's records become visible, once, when the checkpoint that
   * follows them completes. Runs of one name share what is visible, as an outside system would.
   */
  static <T> Sink<T> exactlyOnce(String name) {
    COMMITTED.putIfAbsent(name, new ConcurrentHashMap<>());
    return new Sink<>() {
      @Override
      public SinkWriter<T> createWriter(SinkContext context) {
        return new SinkWriter<>() {
          private ArrayList<Object> buffer = new ArrayList<>();

          @Override
          public void write(T record) {
            buffer.add(record);
          }

          @Override
          public List<?> prepareCommit(long checkpointId) {
            if (buffer.isEmpty()) {
              return List.of();
            }
            Batch b = new Batch(UUID.randomUUID().toString(), buffer);
            buffer = new ArrayList<>();
            return List.of(b);
          }
        };
      }

      @Override
      public Committer<?> createCommitter() {
        return (Committer<Batch>) batches -> {
          for (Batch b : batches) {
            COMMITTED.get(name).putIfAbsent(b.id(), b.records());
          }
        };
      }
    };
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> committed(String name) {
    List<T> all = new ArrayList<>();
    COMMITTED.get(name).values().forEach(l -> l.forEach(o -> all.add((T) o)));
    return all;
  }

  static void assertNoDuplicates(List<?> values) {
    assertThat(values).doesNotHaveDuplicates();
  }
}
