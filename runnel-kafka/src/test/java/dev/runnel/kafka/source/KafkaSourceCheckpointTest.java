package dev.runnel.kafka.source;

import static dev.runnel.kafka.source.KafkaTestSupport.admin;
import static dev.runnel.kafka.source.KafkaTestSupport.await;
import static dev.runnel.kafka.source.KafkaTestSupport.collecting;
import static dev.runnel.kafka.source.KafkaTestSupport.committed;
import static dev.runnel.kafka.source.KafkaTestSupport.createTopic;
import static dev.runnel.kafka.source.KafkaTestSupport.exactlyOnce;
import static dev.runnel.kafka.source.KafkaTestSupport.fill;
import static dev.runnel.kafka.source.KafkaTestSupport.producer;
import static dev.runnel.kafka.source.KafkaTestSupport.send;
import static dev.runnel.kafka.source.KafkaTestSupport.utf8;
import static dev.runnel.kafka.source.KafkaTestSupport.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.JobHandle;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offsets in checkpoints: restores at other parallelisms lose and repeat nothing; partitions
 * created while the job runs (or while it is down) are found; completed checkpoints commit their
 * offsets to the consumer group.
 */
class KafkaSourceCheckpointTest {
  private static EmbeddedKafkaBroker kafka;
  private static KafkaProducer<byte[], byte[]> producer;

  @TempDir
  Path checkpoints;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = EmbeddedKafkaBroker.builder().start();
    producer = producer(kafka);
  }

  @AfterAll
  static void stopBroker() {
    producer.close();
    kafka.close();
  }

  private KafkaSource<String> source(String topic) {
    return KafkaSource.<String>builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topics(topic)
        .deserializer(KafkaRecordDeserializer.string())
        .partitionDiscoveryInterval(Duration.ofMillis(200))
        .build();
  }

  /** Runs the job at {@code parallelism} until {@code done}, then cancels it. */
  private void runUntil(int parallelism, boolean restore, String what,
      java.util.function.BooleanSupplier done) throws Exception {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    env.enableCheckpointing(Duration.ofMillis(100)).setCheckpointDirectory(checkpoints);
    if (restore) {
      env.restoreFrom(RestoreFrom.latest());
    }
    env.fromSource(source("rescale"), "kafka").uid("kafka")
        .sinkTo(exactlyOnce("rescale")).uid("sink");
    JobHandle job = env.executeAsync("rescale");
    try {
      await(what, Duration.ofSeconds(30), done);
    } finally {
      job.cancel();
      job.await(Duration.ofSeconds(30));
    }
  }

  @Test
  void when_restoredAt2Then3Then1_then_noRecordIsLostOrRepeated() throws Exception {
    createTopic(kafka, "rescale", 6);
    List<String> expected = new ArrayList<>(fill(producer, "rescale", 6, 0, 100));

    runUntil(2, false, "some output at parallelism 2",
        () -> committed("rescale").size() >= 200);
    int afterFirst = committed("rescale").size();
    expected.addAll(fill(producer, "rescale", 6, 100, 100));

    runUntil(3, true, "more output at parallelism 3",
        () -> committed("rescale").size() >= afterFirst + 200);
    expected.addAll(fill(producer, "rescale", 6, 200, 100));
    // Two partitions created while the job is down: new to the restored job, read from the start.
    try (Admin admin = admin(kafka)) {
      admin.createPartitions(Map.of("rescale", NewPartitions.increaseTo(8))).all().get();
      KafkaTestSupport.awaitLeaders(admin, "rescale", 8);
    }
    for (int i = 0; i < 50; i++) {
      for (int p = 6; p < 8; p++) {
        send(producer, "rescale", p, null, null, utf8(p + "-" + i));
        expected.add(p + "-" + i);
      }
    }

    runUntil(1, true, "all records at parallelism 1",
        () -> committed("rescale").size() >= expected.size());

    List<String> out = committed("rescale");
    assertThat(out).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void when_topicGainsPartitionsWhileRunning_then_theyAreReadAndOffsetsAreCommitted()
      throws Exception {
    createTopic(kafka, "growing", 2);
    List<String> expected = new ArrayList<>(fill(producer, "growing", 2, 0, 10));
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.enableCheckpointing(Duration.ofMillis(100)).setCheckpointDirectory(checkpoints);
    env.fromSource(KafkaSource.<String>builder()
            .bootstrapServers(kafka.bootstrapServers())
            .topics("growing")
            .deserializer(KafkaRecordDeserializer.string())
            .partitionDiscoveryInterval(Duration.ofMillis(200))
            .groupId("growing-group")
            .build(), "kafka")
        .sinkTo(collecting("growing"));
    JobHandle job = env.executeAsync("growing");
    try {
      await("the first records", Duration.ofSeconds(20),
          () -> written("growing").containsAll(expected));
      try (Admin admin = admin(kafka)) {
        admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(4))).all().get();
        KafkaTestSupport.awaitLeaders(admin, "growing", 4);
      }
      for (int i = 0; i < 10; i++) {
        for (int p = 0; p < 4; p++) {
          send(producer, "growing", p, null, null, utf8(p + "-" + (100 + i)));
          expected.add(p + "-" + (100 + i));
        }
      }
      await("records of the new partitions", Duration.ofSeconds(20),
          () -> written("growing").size() >= expected.size());
      assertThat(written("growing")).<String>asList()
          .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);

      Map<TopicPartition, Long> atEnd = Map.of(
          new TopicPartition("growing", 0), 20L, new TopicPartition("growing", 1), 20L,
          new TopicPartition("growing", 2), 10L, new TopicPartition("growing", 3), 10L);
      try (Admin admin = admin(kafka)) {
        await("offsets committed to the group", Duration.ofSeconds(20),
            () -> atEnd.equals(groupOffsets(admin, "growing-group")));
      }
    } finally {
      job.cancel();
      job.await(Duration.ofSeconds(20));
    }
  }

  private static Map<TopicPartition, Long> groupOffsets(Admin admin, String group) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> out = new java.util.HashMap<>();
      offsets.forEach((tp, o) -> out.put(tp, o.offset()));
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
