package dev.runnel.kafka.sink.internal;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Internal;
import dev.runnel.api.connector.SinkWriter;
import dev.runnel.kafka.sink.DeliveryGuarantee;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The writer of one subtask for {@link DeliveryGuarantee#NONE} and {@link
 * DeliveryGuarantee#AT_LEAST_ONCE} (and {@link DeliveryGuarantee#EXACTLY_ONCE} in a job without
 * checkpoints): one producer without transactions. At least once, it flushes at every checkpoint
 * barrier ({@link #prepareCommit}, which hands over nothing) so that a completed checkpoint
 * covers only records Kafka has acknowledged; every failed send fails the job. Not thread-safe.
 *
 * @param <T> record type
 */
@Internal
public final class FlushingKafkaWriter<T> implements SinkWriter<T> {
  private final KafkaSinkSettings settings;
  private final RecordEncoder<T> encoder;
  private final boolean flushAtCheckpoints;
  private final KafkaProducer<byte[], byte[]> producer;
  private final SendErrors errors;
  private final int partitions;

  public FlushingKafkaWriter(KafkaSinkSettings settings, RecordEncoder<T> encoder,
      int partitions) {
    this.settings = settings;
    this.encoder = encoder;
    this.partitions = partitions;
    this.flushAtCheckpoints = settings.guarantee() != DeliveryGuarantee.NONE;
    this.producer = new KafkaProducer<>(settings.producerConfig(null));
    this.errors = new SendErrors(settings);
  }

  @Override
  public void write(T record) {
    errors.check();
    try {
      producer.send(encoder.encode(record, partitions), errors);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new RunnelException(SinkAdmin.unreachable(settings).getMessage(), e);
    }
  }

  @Override
  public List<?> prepareCommit(long checkpointId) {
    if (flushAtCheckpoints) {
      flush();
    }
    return List.of();
  }

  @Override
  public void finish() {
    flush();
  }

  private void flush() {
    producer.flush();
    errors.check();
  }

  @Override
  public void close() {
    producer.close(settings.timeout());
  }
}
