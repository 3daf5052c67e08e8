package dev.runnel.kafka.sink;

import dev.runnel.api.annotation.Public;

/**
 * What a {@link KafkaSink} promises about each record it receives.
 *
 * <p>{@link #EXACTLY_ONCE} needs checkpointing: in a job without checkpoints there is no point at
 * which a transaction could be committed safely, so the sink then writes {@link #AT_LEAST_ONCE}.
 */
@Public
public enum DeliveryGuarantee {
  /**
   * Fire and forget: records are sent as they come and flushed only when the input ends. After a
   * failure, records may be lost or duplicated. The fastest; for output that may be incomplete.
   */
  NONE,
  /**
   * Every record reaches Kafka at least once: the producer is idempotent and is flushed at every
   * checkpoint barrier and at the end of the input, and a send that fails fails the job. After a
   * restore, records written after the restored checkpoint are written again (duplicates).
   */
  AT_LEAST_ONCE,
  /**
   * With checkpointing, a {@code read_committed} consumer sees every record exactly once: records
   * are written in Kafka transactions that commit only when the checkpoint covering them is
   * complete. Consumers with {@code read_uncommitted} (Kafka's default) also see records of
   * aborted transactions. Without checkpointing, the same as {@link #AT_LEAST_ONCE}.
   */
  EXACTLY_ONCE
}
