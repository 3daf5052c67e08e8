package dev.runnel.kafka.source;

import dev.runnel.api.annotation.Public;
import dev.runnel.kafka.source.internal.JsonValueDeserializer;
import dev.runnel.kafka.source.internal.Utf8;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns one Kafka record (key, value and headers as bytes) into a value of the job. Shared by all
 * readers of a source, so it must be thread-safe.
 *
 * <pre>{@code
 * KafkaRecordDeserializer.json(Order.class)                  // the value, a JSON object
 * KafkaRecordDeserializer.withMetadata(KafkaRecordDeserializer.string())  // key, headers too
 * record -> MyCodec.decode(record.value())                   // your own; throw to reject
 * }</pre>
 *
 * <p><b>Bad records.</b> Whatever it throws makes the record a {@link KafkaDeadLetter} with the
 * exception's message as the reason, and the job goes on; so a decoder of your own rejects a
 * record by throwing, with a message that says what is wrong. Returning null skips the record
 * (a tombstone, say) without a dead letter.
 *
 * @param <T> the values it produces
 */
@Public
@FunctionalInterface
public interface KafkaRecordDeserializer<T> {
  /** The record's value for the job, or null to skip it; throws to reject it. */
  T deserialize(ConsumerRecord<byte[], byte[]> record) throws Exception;

  /**
   * The value as a JSON object converted to {@code type} by Jackson (a record or a bean); the
   * properties {@code type} lacks are ignored. A value that is not one JSON object, or does not
   * fit the type, is rejected with the field at fault named.
   */
  static <T> KafkaRecordDeserializer<T> json(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return new JsonValueDeserializer<>(type);
  }

  /** The value as a JSON object, as a {@link LinkedHashMap} in field order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static KafkaRecordDeserializer<Map<String, Object>> jsonMap() {
    return new JsonValueDeserializer<>((Class<Map<String, Object>>) (Class) LinkedHashMap.class);
  }

  /** The value as UTF-8 text; a value that is not valid UTF-8 is rejected, never patched. */
  static KafkaRecordDeserializer<String> string() {
    return record -> record.value() == null ? null : Utf8.decode(record.value(), "value");
  }

  /** The value's bytes as they are. */
  static KafkaRecordDeserializer<byte[]> bytes() {
    return ConsumerRecord::value;
  }

  /**
   * The value by {@code value}, with the record's key (as UTF-8 text; one that is not valid UTF-8
   * is rejected), headers, topic, partition, offset and timestamp.
   */
  static <V> KafkaRecordDeserializer<KafkaMessage<V>> withMetadata(
      KafkaRecordDeserializer<V> value) {
    Objects.requireNonNull(value, "value");
    return record -> {
      String key = record.key() == null ? null : Utf8.decode(record.key(), "key");
      V v = value.deserialize(record);
      if (v == null) {
        return null;
      }
      Map<String, byte[]> headers = new LinkedHashMap<>();
      for (Header h : record.headers()) {
        headers.put(h.key(), h.value());
      }
      return new KafkaMessage<>(record.topic(), record.partition(), record.offset(),
          record.timestamp(), key, v, headers);
    };
  }
}
