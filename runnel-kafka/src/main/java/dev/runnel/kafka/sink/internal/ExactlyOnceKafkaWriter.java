package dev.runnel.kafka.sink.internal;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Internal;
import dev.runnel.api.connector.SinkWriter;
import java.util.List;

/**
 * The writer of one sink subtask for exactly-once delivery in a job with checkpoints. The records
 * between two checkpoint barriers go into one Kafka transaction, begun on the first record after a
 * barrier (so no empty transactions are made) in the next idle slot of the subtask's {@link
 * TransactionSlots}. At a barrier ({@link #prepareCommit}) it flushes the transaction and hands
 * its {@link KafkaCommittable} to the checkpoint; the committer commits it once the checkpoint is
 * complete. Not thread-safe (one subtask thread).
 *
 * @param <T> record type
 */
@Internal
public final class ExactlyOnceKafkaWriter<T> implements SinkWriter<T> {
  private final RecordEncoder<T> encoder;
  private final int partitions;
  private final TransactionSlots slots;
  private final LiveTransactions live;
  private final SendErrors errors;
  /** The slot whose transaction takes the records, or null before the first after a barrier. */
  private TransactionSlots.Slot open;

  public ExactlyOnceKafkaWriter(KafkaSinkSettings settings, RecordEncoder<T> encoder,
      int partitions, int subtask, LiveTransactions live) {
    this.encoder = encoder;
    this.partitions = partitions;
    this.slots = new TransactionSlots(settings, subtask);
    this.live = live;
    this.errors = new SendErrors(settings);
    live.register(slots);
  }

  @Override
  public void write(T record) throws InterruptedException {
    errors.check();
    if (open == null) {
      open = slots.begin();
    }
    open.producer.send(encoder.encode(record, partitions), errors);
  }

  /**
   * Flushes the open transaction and returns its committable; nothing if no record came since
   * the last barrier.
   */
  @Override
  public List<KafkaCommittable> prepareCommit(long checkpointId) {
    if (open == null) {
      return List.of();
    }
    open.producer.flush();
    errors.check();
    KafkaCommittable c = slots.prepared(open, checkpointId);
    open = null;
    return List.of(c);
  }

  /** Flushes; with checkpoints the runtime calls {@link #prepareCommit} at the end instead. */
  @Override
  public void finish() {
    if (open != null) {
      open.producer.flush();
      errors.check();
    }
  }

  @Override
  public void close() {
    open = null;
    try {
      slots.close();
    } catch (RuntimeException e) {
      throw new RunnelException("closing the Kafka producers of the sink failed: " + e, e);
    } finally {
      live.unregister(slots);
    }
  }
}
