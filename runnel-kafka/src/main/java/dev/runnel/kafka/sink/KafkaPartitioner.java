package dev.runnel.kafka.sink;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;

/**
 * Chooses the partition of the output topic for a record, instead of Kafka's default (the
 * murmur2 hash of the key; records without a key are spread over the partitions).
 *
 * <pre>{@code
 * KafkaPartitioner<Order> byRegion = (order, key, value, partitions) ->
 *     Math.floorMod(order.region().hashCode(), partitions);
 * }</pre>
 *
 * <p>One partitioner object serves every subtask of the sink, from several threads at once, so
 * it must be thread-safe (a pure function is).
 *
 * @param <T> record type
 */
@Public
@FunctionalInterface
public interface KafkaPartitioner<T> extends Serializable {
  /**
   * @param record the record
   * @param key its serialized key, or null
   * @param value its serialized value
   * @param partitions the number of partitions of the topic
   * @return a partition in {@code [0, partitions)}
   */
  int partition(T record, byte[] key, byte[] value, int partitions);
}
