package dev.runnel.kafka.sink.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Internal;
import dev.runnel.kafka.sink.KafkaPartitioner;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a record into a Kafka record of the sink's topic: the value as JSON (Jackson: records by
 * their components, beans by their properties), the key from the user's key function, the
 * partition from the user's partitioner if there is one. Thread-safe: one encoder serves every
 * writer of a sink.
 *
 * @param <T> record type
 */
@Internal
public final class RecordEncoder<T> {
  private final String topic;
  private final Function<? super T, ?> keyFunction;
  private final KafkaPartitioner<? super T> partitioner;
  private final ObjectMapper mapper = JsonMapper.builder().build();

  /**
   * @param keyFunction the key of a record, or null for records without keys
   * @param partitioner the partitioner, or null for Kafka's default
   */
  public RecordEncoder(String topic, Function<? super T, ?> keyFunction,
      KafkaPartitioner<? super T> partitioner) {
    this.topic = topic;
    this.keyFunction = keyFunction;
    this.partitioner = partitioner;
  }

  /**
   * @param partitions the topic's partition count, for the partitioner
   * @throws RunnelException if the record or its key cannot be written as JSON, or the
   *     partitioner returns a partition out of range
   */
  ProducerRecord<byte[], byte[]> encode(T record, int partitions) {
    byte[] key = keyFunction == null ? null : keyBytes(keyFunction.apply(record), record);
    byte[] value;
    try {
      value = mapper.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new RunnelException("cannot write record " + describe(record) + " as JSON for Kafka "
          + "topic '" + topic + "': " + e.getOriginalMessage(), e);
    }
    Integer partition = null;
    if (partitioner != null) {
      int p = partitioner.partition(record, key, value, partitions);
      if (p < 0 || p >= partitions) {
        throw new RunnelException("the partitioner of the Kafka sink to topic '" + topic
            + "' chose partition " + p + " for record " + describe(record) + "; the topic has "
            + partitions + " partitions");
      }
      partition = p;
    }
    return new ProducerRecord<>(topic, partition, key, value);
  }

  /** Strings as UTF-8, byte arrays as they are, anything else as JSON ({@code 42}, {@code {…}}). */
  private byte[] keyBytes(Object key, T record) {
    if (key == null) {
      return null;
    }
    if (key instanceof byte[] bytes) {
      return bytes;
    }
    if (key instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return mapper.writeValueAsBytes(key);
    } catch (JsonProcessingException e) {
      throw new RunnelException("cannot write the key of record " + describe(record)
          + " as JSON for Kafka topic '" + topic + "': " + e.getOriginalMessage(), e);
    }
  }

  private static String describe(Object record) {
    String s = String.valueOf(record);
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
