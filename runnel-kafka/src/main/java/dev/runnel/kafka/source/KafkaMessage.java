package dev.runnel.kafka.source;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.util.Map;

/**
 * A Kafka record's value with its key and metadata, from {@link
 * KafkaRecordDeserializer#withMetadata}.
 *
 * @param topic the record's topic
 * @param partition its partition
 * @param offset its offset
 * @param timestamp its Kafka timestamp in epoch milliseconds (-1 if none)
 * @param key its key as UTF-8 text, or null
 * @param value its value, deserialized
 * @param headers its headers by key (the last one of a repeated key), values as bytes
 * @param <V> value type
 */
@Public
public record KafkaMessage<V>(String topic, int partition, long offset, long timestamp,
    String key, V value, Map<String, byte[]> headers) implements Serializable {}
