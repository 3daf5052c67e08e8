package dev.runnel.kafka.source;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.DeadLetter;
import java.nio.charset.StandardCharsets;

/**
 * A Kafka record the {@link KafkaSource} could not turn into a value (it did not deserialize, the
 * job's deserializer rejected it, it was larger than the source's limit, or its event time broke
 * the job's timestamp bounds), with where it came from, why, and its bytes as they were. Emitted on
 * the side output {@link KafkaSource#DEAD_LETTERS}; send it to a topic with {@link
 * KafkaDeadLetterSink} or to a file with a {@code FileSink} (byte arrays become base64 in JSON).
 *
 * @param topic the record's topic
 * @param partition its partition
 * @param offset its offset
 * @param timestamp its Kafka timestamp in epoch milliseconds, or -1 if it had none
 * @param reason why it was rejected, in plain words
 * @param key the original key bytes, or null
 * @param value the original value bytes, or null
 */
@Public
public record KafkaDeadLetter(String topic, int partition, long offset, long timestamp,
    String reason, byte[] key, byte[] value) {

  /**
   * The generic form, as file sources give it: {@code topic-partition} as the source, the offset
   * as the position, and the value as text (bytes that are not UTF-8 become U+FFFD there, so keep
   * this record itself where the bytes matter).
   */
  public DeadLetter toDeadLetter() {
    return new DeadLetter(topic + "-" + partition, offset, reason,
        value == null ? null : new String(value, StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "KafkaDeadLetter[" + topic + "-" + partition + "@" + offset + ": " + reason + "]";
  }
}
