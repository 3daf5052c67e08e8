package dev.runnel.kafka.sink;

import static dev.runnel.kafka.sink.KafkaTopics.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.SinkWriter;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Delivery guarantees, keys, partitioning, topics and an unreachable broker. */
class KafkaSinkDeliveryTest {
  private static EmbeddedKafkaBroker kafka;

  /** A record as the sink writes it: JSON with the component names. */
  record Reading(String sensor, int value) {}

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafkaBroker.builder().start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  private static KafkaSink.Builder<Reading> builder(String topic) {
    return KafkaSink.<Reading>builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topic(topic)
        .key(Reading::sensor);
  }

  private static List<String> writeReadings(KafkaSink<Reading> sink, boolean checkpointing)
      throws Exception {
    SinkWriter<Reading> writer = sink.createWriter(context(0, 1, checkpointing));
    for (int i = 0; i < 100; i++) {
      writer.write(new Reading("s" + (i % 3), i));
    }
    if (checkpointing) {
      assertThat(writer.prepareCommit(1)).isEmpty();
    } else {
      writer.finish();
    }
    writer.close();
    return KafkaTopics.committedValues(kafka.bootstrapServers(), sink.topic());
  }

  @Test
  void when_guaranteeIsNone_then_recordsArriveOnceTheInputEnds() throws Exception {
    KafkaTopics.create(kafka.bootstrapServers(), "none", 1);
    KafkaSink<Reading> sink =
        builder("none").deliveryGuarantee(DeliveryGuarantee.NONE).build();

    assertThat(sink.createCommitter()).isNull();
    List<String> values = writeReadings(sink, false);

    assertThat(values).hasSize(100);
    assertThat(values.get(7)).isEqualTo("{\"sensor\":\"s1\",\"value\":7}");
  }

  @Test
  void when_atLeastOnce_then_theBarrierFlushesEveryRecord() throws Exception {
    KafkaTopics.create(kafka.bootstrapServers(), "at-least-once", 1);
    KafkaSink<Reading> sink =
        builder("at-least-once").deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();

    // The committer exists so that the runtime calls prepareCommit (the flush) at barriers.
    assertThat(sink.createCommitter()).isNotNull();
    List<String> values = writeReadings(sink, true);

    assertThat(values).hasSize(100);
    assertThat(values.get(0)).isEqualTo("{\"sensor\":\"s0\",\"value\":0}");
  }

  @Test
  void when_exactlyOnceWithoutCheckpoints_then_itWritesAtLeastOnce() throws Exception {
    KafkaTopics.create(kafka.bootstrapServers(), "no-checkpoints", 1);
    KafkaSink<Reading> sink = builder("no-checkpoints")
        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .transactionalIdPrefix("no-checkpoints-job")
        .build();

    assertThat(writeReadings(sink, false)).hasSize(100);
  }

  @Test
  void when_keyAndPartitionerGiven_then_eachRecordGoesWhereTheyChoose() throws Exception {
    KafkaSink<Reading> sink = builder("partitioned")
        .createTopicIfMissing(3)
        .partitioner((r, key, value, partitions) -> r.value() % partitions)
        .build();

    writeReadings(sink, false);

    assertThat(KafkaTopics.partitions(kafka.bootstrapServers(), "partitioned")).isEqualTo(3);
    List<ConsumerRecord<String, String>> records =
        KafkaTopics.readCommitted(kafka.bootstrapServers(), "partitioned");
    assertThat(records).hasSize(100).allSatisfy(r -> {
      int value = Integer.parseInt(r.value().replaceAll(".*\"value\":(\\d+).*", "$1"));
      assertThat(r.partition()).isEqualTo(value % 3);
      assertThat(r.key()).isEqualTo("s" + value % 3);
    });
    // Within a partition, the order of writing.
    List<Integer> partition1 = records.stream().filter(r -> r.partition() == 1)
        .map(r -> Integer.parseInt(r.value().replaceAll(".*\"value\":(\\d+).*", "$1")))
        .collect(Collectors.toList());
    assertThat(partition1).isSorted().hasSize(33);
  }

  @Test
  void when_topicIsMissing_then_theSinkSaysSoUnlessToldToCreateIt() {
    KafkaSink<Reading> sink = builder("missing").build();

    assertThatThrownBy(() -> sink.createWriter(context(0, 1, false)))
        .isInstanceOf(RunnelException.class)
        .hasMessageContaining("topic 'missing' does not exist on " + kafka.bootstrapServers());
  }

  @Test
  void when_brokerIsUnreachable_then_theSinkFailsInTimeWithOneLineNamingTheAddress()
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free once closed: nothing listens there
    }
    String address = "127.0.0.1:" + port;
    KafkaSink<Reading> sink = KafkaSink.<Reading>builder()
        .bootstrapServers(address)
        .topic("anything")
        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .transactionalIdPrefix("unreachable-job")
        .timeout(Duration.ofSeconds(2))
        .build();

    long start = System.nanoTime();
    assertThatThrownBy(() -> sink.createCommitter().recover(List.of()))
        .isInstanceOf(RunnelException.class)
        .hasMessage("cannot reach Kafka at " + address + " within 2 s (sink to topic 'anything')");
    assertThatThrownBy(() -> sink.createWriter(context(0, 1, true)))
        .hasMessageContaining("cannot reach Kafka at " + address);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void when_exactlyOnceWithoutPrefix_then_buildSaysWhatIsMissing() {
    assertThatThrownBy(() -> builder("t").deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs transactionalIdPrefix");
  }
}
