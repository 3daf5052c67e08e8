package dev.runnel.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

  @Test
  void when_recordsProducedInATransaction_then_aReadCommittedConsumerSeesThem() throws Exception {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
      createTopic(kafka, "t", 2);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-tx");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("t", "k1", "a"));
        producer.send(new ProducerRecord<>("t", "k2", "b"));
        producer.commitTransaction();
      }
      assertThat(readAll(kafka, "t", 2)).containsExactlyInAnyOrder("a", "b");
    }
  }

  @Test
  void when_restartedOnTheSameDirectory_then_topicsAndRecordsSurvive(@TempDir Path dir)
      throws Exception {
    int port;
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir).start()) {
      port = kafka.port();
      createTopic(kafka, "kept", 1);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("kept", "x")).get();
      }
    }
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir).port(port).start()) {
      try (Admin admin = admin(kafka)) {
        assertThat(admin.listTopics().names().get()).contains("kept");
      }
      assertThat(readAll(kafka, "kept", 1)).containsExactly("x");
    }
    assertThat(dir).isDirectory();
  }

  @Test
  void when_portIsTaken_then_startSaysSo() throws Exception {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
      assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(kafka.port()).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + kafka.port() + " is already in use");
    }
  }

  private static Admin admin(EmbeddedKafkaBroker kafka) {
    return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
  }

  private static void createTopic(EmbeddedKafkaBroker kafka, String name, int partitions)
      throws Exception {
    try (Admin admin = admin(kafka)) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
  }

  private static List<String> readAll(EmbeddedKafkaBroker kafka, String topic, int expected) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
