package dev.runnel.kafka.source;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes {@link KafkaDeadLetter}s to a Kafka topic: each as a record with the original key and
 * value bytes, and headers saying where it came from and why ({@value #REASON}, {@value #TOPIC},
 * {@value #PARTITION}, {@value #OFFSET}, {@value #TIMESTAMP}, as UTF-8 text).
 *
 * <pre>{@code
 * orders.getSideOutput(KafkaSource.DEAD_LETTERS)
 *     .sinkTo(KafkaDeadLetterSink.toTopic("localhost:9092", "orders-dead-letters"));
 * }</pre>
 *
 * <p>At least once: each dead letter is sent and acknowledged by the brokers before the next
 * one (dead letters are rare, and each is worth a round trip), so none is lost, and a failed send
 * fails the job; after a restore, dead letters since the last checkpoint may be written again.
 * Since {@code write} waits for the brokers, the sink runs on a thread of its own ({@link
 * #isBlocking()}). The topic must exist and accept records as large as the source's {@code
 * maxRecordBytes} plus headers. For exactly-once dead letters use the transactional Kafka sink.
 */
@Public
public final class KafkaDeadLetterSink implements Sink<KafkaDeadLetter> {
  public static final String REASON = "runnel.dead-letter.reason";
  public static final String TOPIC = "runnel.dead-letter.topic";
  public static final String PARTITION = "runnel.dead-letter.partition";
  public static final String OFFSET = "runnel.dead-letter.offset";
  public static final String TIMESTAMP = "runnel.dead-letter.timestamp";

  private final String bootstrapServers;
  private final String topic;
  private final Map<String, String> properties;

  private KafkaDeadLetterSink(String bootstrapServers, String topic,
      Map<String, String> properties) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.properties = Map.copyOf(properties);
  }

  /**
   * Dead letters to {@code topic} of the cluster at {@code bootstrapServers}. The producer may
   * send records of up to 16 MiB, since a dead letter keeps the bytes of a record that may have
   * been rejected for its size; the topic's {@code max.message.bytes} decides what it accepts.
   */
  public static KafkaDeadLetterSink toTopic(String bootstrapServers, String topic) {
    return new KafkaDeadLetterSink(bootstrapServers, topic, Map.of());
  }

  /** The same sink with a Kafka producer setting of yours ({@code security.protocol}, …). */
  public KafkaDeadLetterSink property(String key, String value) {
    Map<String, String> p = new LinkedHashMap<>(properties);
    p.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new KafkaDeadLetterSink(bootstrapServers, topic, p);
  }

  /** True: each write waits for the brokers' acknowledgement. */
  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public SinkWriter<KafkaDeadLetter> createWriter(SinkContext context) {
    Properties p = new Properties();
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
    p.putAll(properties);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
    return new SinkWriter<>() {
      @Override
      public void write(KafkaDeadLetter d) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, utf8(d.reason()));
        headers.add(TOPIC, utf8(d.topic()));
        headers.add(PARTITION, utf8(Integer.toString(d.partition())));
        headers.add(OFFSET, utf8(Long.toString(d.offset())));
        headers.add(TIMESTAMP, utf8(Long.toString(d.timestamp())));
        try {
          producer.send(new ProducerRecord<>(topic, null, null, d.key(), d.value(), headers))
              .get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RunnelException("interrupted while writing a dead letter to Kafka topic '"
              + topic + "'", e);
        } catch (ExecutionException e) {
          throw new RunnelException("cannot write a dead letter to Kafka topic '" + topic
              + "' at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        }
      }

      @Override
      public void close() {
        producer.close();
      }
    };
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "KafkaDeadLetterSink(" + topic + " at " + bootstrapServers + ")";
  }
}
