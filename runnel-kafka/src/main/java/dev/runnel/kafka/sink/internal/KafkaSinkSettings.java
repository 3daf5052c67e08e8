package dev.runnel.kafka.sink.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.kafka.sink.DeliveryGuarantee;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The settings of one {@link dev.runnel.kafka.sink.KafkaSink}, checked by its builder; immutable.
 *
 * @param partitionsIfMissing partitions of the topic to create when it does not exist; 0 to
 *     require that it exists
 */
@Internal
public record KafkaSinkSettings(
    String bootstrapServers,
    String topic,
    DeliveryGuarantee guarantee,
    String transactionalIdPrefix,
    int transactionSlots,
    Duration transactionTimeout,
    Duration timeout,
    int partitionsIfMissing,
    Map<String, String> producerProperties) {

  public KafkaSinkSettings {
    producerProperties = Map.copyOf(producerProperties);
  }

  /**
   * The transactional id of a slot of a subtask: {@code <prefix>-<subtask>-<slot>}. The recovery
   * rule in {@link KafkaSinkCommitter#recover} relies on this shape.
   */
  public String transactionalId(int subtask, int slot) {
    return transactionalIdPrefix + "-" + subtask + "-" + slot;
  }

  /** True if {@code id} has the shape of {@link #transactionalId} for this sink's prefix. */
  public boolean isOwnTransactionalId(String id) {
    String prefix = transactionalIdPrefix + "-";
    return id.startsWith(prefix) && id.substring(prefix.length()).matches("\\d+-\\d+");
  }

  /** "within 5 s", for messages. */
  public String timeoutText() {
    long ms = timeout.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }

  /**
   * Producer configuration: byte-array serializers (the sink encodes records itself), every
   * blocking call and every send bounded by {@link #timeout}, and the user's properties last.
   *
   * @param transactionalId the transactional id, or null for a non-transactional producer
   */
  Map<String, Object> producerConfig(String transactionalId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    int requestTimeoutMs = Math.min(timeoutMs, 30_000);
    int lingerMs = 5;
    // max.block.ms bounds metadata waits, initTransactions, commit and abort; delivery.timeout.ms
    // bounds a send (and so flush). Kafka requires delivery >= request timeout + linger.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        Math.max(timeoutMs, requestTimeoutMs + lingerMs));
    config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    if (guarantee == DeliveryGuarantee.NONE) {
      config.put(ProducerConfig.ACKS_CONFIG, "1");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    } else {
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }
    if (transactionalId != null) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
          (int) Math.min(Integer.MAX_VALUE, transactionTimeout.toMillis()));
    }
    config.putAll(producerProperties);
    return config;
  }

  /** Admin client configuration with the same bounds as the producers. */
  Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
    return config;
  }
}
