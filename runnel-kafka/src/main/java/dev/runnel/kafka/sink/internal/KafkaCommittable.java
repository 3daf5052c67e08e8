package dev.runnel.kafka.sink.internal;

import dev.runnel.api.annotation.Internal;
import java.io.Serializable;
import java.util.Objects;

/**
 * A Kafka transaction prepared at a checkpoint (flushed, not committed): what the committer needs
 * to commit it from any process. Stored in checkpoints.
 *
 * @param transactionalId {@code <prefix>-<subtask>-<slot>}
 * @param producerId the producer id the broker gave the transactional id
 * @param epoch the producer epoch the transaction was written with
 * @param transactionV2 whether the producer used Kafka's transaction protocol 2 (KIP-890)
 * @param checkpointId the checkpoint whose barrier prepared it (for messages)
 */
@Internal
public record KafkaCommittable(String transactionalId, long producerId, short epoch,
    boolean transactionV2, long checkpointId) implements Serializable {
  private static final long serialVersionUID = 1L;

  public KafkaCommittable {
    Objects.requireNonNull(transactionalId, "transactionalId");
  }

  ProducerTransactionState.IdAndEpoch idAndEpoch() {
    return new ProducerTransactionState.IdAndEpoch(producerId, epoch, transactionV2);
  }

  @Override
  public String toString() {
    return "transaction " + transactionalId + " (producer id " + producerId + ", epoch " + epoch
        + ", checkpoint " + checkpointId + ")";
  }
}
