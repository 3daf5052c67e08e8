package dev.runnel.kafka.sink;

import dev.runnel.api.connector.SinkContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Test helpers: topics, and what a read_committed consumer sees. */
final class KafkaTopics {
  private KafkaTopics() {}

  static void create(String bootstrap, String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }

  static int partitions(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic)
          .partitions().size();
    }
  }

  /**
   * Every record a consumer with the given isolation level sees, up to the partitions' current
   * end (for read_committed: the last stable offset, which an open transaction holds back),
   * partition by partition in offset order.
   */
  static List<ConsumerRecord<String, String>> read(String bootstrap, String topic,
      String isolation) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " up to " + end);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
      return out;
    }
  }

  static List<ConsumerRecord<String, String>> readCommitted(String bootstrap, String topic) {
    return read(bootstrap, topic, "read_committed");
  }

  static List<String> committedValues(String bootstrap, String topic) {
    return readCommitted(bootstrap, topic).stream().map(ConsumerRecord::value)
        .collect(Collectors.toList());
  }

  /** The context of a sink subtask outside a job. */
  static SinkContext context(int subtask, int parallelism, boolean checkpointing) {
    return new SinkContext() {
      @Override
      public String jobName() {
        return "test";
      }

      @Override
      public int subtaskIndex() {
        return subtask;
      }

      @Override
      public int parallelism() {
        return parallelism;
      }

      @Override
      public boolean isCheckpointingEnabled() {
        return checkpointing;
      }
    };
  }
}
