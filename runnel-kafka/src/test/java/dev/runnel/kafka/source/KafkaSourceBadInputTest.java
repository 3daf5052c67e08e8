package dev.runnel.kafka.source;

import static dev.runnel.kafka.source.KafkaTestSupport.collecting;
import static dev.runnel.kafka.source.KafkaTestSupport.createTopic;
import static dev.runnel.kafka.source.KafkaTestSupport.producer;
import static dev.runnel.kafka.source.KafkaTestSupport.send;
import static dev.runnel.kafka.source.KafkaTestSupport.utf8;
import static dev.runnel.kafka.source.KafkaTestSupport.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.api.DataStream;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.RunnelException;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.connector.file.FileSink;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad records become dead letters and the job goes on; bad setups fail with one clear line. */
class KafkaSourceBadInputTest {
  private static EmbeddedKafkaBroker kafka;
  private static KafkaProducer<byte[], byte[]> producer;

  /** What the job reads. */
  public record Order(int id, double amount) {}

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

  @Test
  void when_recordsAreBad_then_eachBecomesADeadLetterWithItsReasonAndBytesAndTheJobGoesOn(
      @TempDir Path dir) throws Exception {
    Map<String, String> large = Map.of("max.message.bytes", Integer.toString(8 << 20));
    createTopic(kafka, "orders", 1, large);
    createTopic(kafka, "orders-dlq", 1, large);
    byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28};
    byte[] huge = new byte[5 << 20];
    Arrays.fill(huge, (byte) 'x');
    send(producer, "orders", 0, null, utf8("k1"), utf8("{\"id\":1,\"amount\":5.0}"));
    send(producer, "orders", 0, null, null, utf8("not json"));                  // offset 1
    send(producer, "orders", 0, null, null, utf8("{\"id\":2,\"amount\":7.5}"));
    send(producer, "orders", 0, null, null, huge);                              // offset 3
    send(producer, "orders", 0, null, notUtf8, utf8("{\"id\":9,\"amount\":1}")); // offset 4
    send(producer, "orders", 0, null, null, utf8("[1, 2]"));                    // offset 5
    send(producer, "orders", 0, null, null, utf8("{\"id\":\"x\",\"amount\":1}")); // offset 6
    send(producer, "orders", 0, null, utf8("k3"), utf8("{\"id\":3,\"amount\":2.5}"));

    KafkaSource<KafkaMessage<Order>> source = KafkaSource.<KafkaMessage<Order>>builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topics("orders")
        .deserializer(KafkaRecordDeserializer.withMetadata(KafkaRecordDeserializer.json(
            Order.class)))
        .bounded()
        .build();
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    DataStream<KafkaMessage<Order>> orders = env.fromSource(source, "orders");
    orders.map(m -> m.value().id() + "@" + m.key()).sinkTo(collecting("good"));
    DataStream<KafkaDeadLetter> dead = orders.getSideOutput(KafkaSource.DEAD_LETTERS);
    dead.sinkTo(collecting("dead"));
    dead.sinkTo(KafkaDeadLetterSink.toTopic(kafka.bootstrapServers(), "orders-dlq"));
    Path file = dir.resolve("dead.jsonl");
    dead.sinkTo(FileSink.jsonLines(file));
    env.execute("bad-input");

    assertThat(written("good")).containsExactly("1@k1", "2@null", "3@k3");
    List<KafkaDeadLetter> letters = written("dead");
    assertThat(letters).extracting(KafkaDeadLetter::offset).containsExactly(1L, 3L, 4L, 5L, 6L);
    assertThat(letters).allMatch(d -> d.topic().equals("orders") && d.partition() == 0);
    assertThat(letters.get(0).reason()).startsWith("not valid JSON: ");
    assertThat(letters.get(1).reason()).isEqualTo("record of " + huge.length
        + " bytes is larger than the limit of 1048576 bytes (maxRecordBytes)");
    assertThat(letters.get(2).reason()).isEqualTo("key is not valid UTF-8 at byte 1 of 2");
    assertThat(letters.get(3).reason()).isEqualTo("expected a JSON object but found an array");
    assertThat(letters.get(4).reason()).startsWith("field 'id': ");
    assertThat(letters.get(1).value()).isEqualTo(huge);
    assertThat(letters.get(2).key()).isEqualTo(notUtf8);

    // The same in the dead-letter topic: original bytes, and where and why in headers.
    List<ConsumerRecord<byte[], byte[]>> inTopic = readAll("orders-dlq", 5);
    assertThat(inTopic).extracting(r -> header(r, KafkaDeadLetterSink.OFFSET))
        .containsExactly("1", "3", "4", "5", "6");
    assertThat(header(inTopic.get(2), KafkaDeadLetterSink.REASON))
        .isEqualTo("key is not valid UTF-8 at byte 1 of 2");
    assertThat(header(inTopic.get(2), KafkaDeadLetterSink.TOPIC)).isEqualTo("orders");
    assertThat(inTopic.get(2).key()).isEqualTo(notUtf8);
    assertThat(inTopic.get(1).value()).isEqualTo(huge);

    // And in the file, bytes as base64.
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(5);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("offset").asLong()).isEqualTo(1);
    assertThat(Base64.getDecoder().decode(first.get("value").asText()))
        .isEqualTo(utf8("not json"));
  }

  @Test
  void when_topicIsMissing_then_theJobFailsNamingIt() {
    KafkaSource<String> source = KafkaSource.<String>builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topics("no-such-topic")
        .deserializer(KafkaRecordDeserializer.string())
        .build();
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    env.fromSource(source, "kafka").sinkTo(collecting("missing"));

    JobExecutionException e =
        catchThrowableOfType(JobExecutionException.class, () -> env.execute("missing"));

    assertThat(rootRunnelMessage(e)).isEqualTo(
        "Kafka topic 'no-such-topic' does not exist at " + kafka.bootstrapServers());
  }

  @Test
  void when_brokerIsUnreachable_then_theJobFailsWithinTheTimeoutWithOneLine() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String address = "127.0.0.1:" + closedPort;
    KafkaSource<String> source = KafkaSource.<String>builder()
        .bootstrapServers(address)
        .topics("anything")
        .deserializer(KafkaRecordDeserializer.string())
        .requestTimeout(Duration.ofSeconds(2))
        .build();
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.fromSource(source, "kafka").sinkTo(collecting("unreachable"));

    long start = System.nanoTime();
    JobExecutionException e =
        catchThrowableOfType(JobExecutionException.class, () -> env.execute("unreachable"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    String line = rootRunnelMessage(e);
    assertThat(line).isEqualTo("cannot reach Kafka at " + address + ": no broker answered within"
        + " 2000 ms (to list its topics; see KafkaSource.Builder.requestTimeout)");
    assertThat(e.getMessage()).doesNotContain("\n").contains(address);
    assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));
  }

  /** The message of the innermost RunnelException in the chain: the source's own line. */
  private static String rootRunnelMessage(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RunnelException) {
        message = t.getMessage();
      }
    }
    return message;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int count) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
