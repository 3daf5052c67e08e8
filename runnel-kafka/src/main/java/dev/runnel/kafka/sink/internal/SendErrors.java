package dev.runnel.kafka.sink.internal;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Internal;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The send callback of a writer: keeps the first failed send, which the writer throws on its
 * thread at the next write or flush (the callback runs on the producer's I/O thread).
 */
@Internal
final class SendErrors implements Callback {
  private final KafkaSinkSettings settings;
  private volatile Exception first;

  SendErrors(KafkaSinkSettings settings) {
    this.settings = settings;
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null && first == null) {
      first = exception;
    }
  }

  /** Throws the first failed send, if any. */
  void check() {
    Exception e = first;
    if (e != null) {
      if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new RunnelException(SinkAdmin.unreachable(settings).getMessage()
            + ": a send timed out: " + e.getMessage(), e);
      }
      throw new RunnelException("writing to Kafka topic '" + settings.topic() + "' at "
          + settings.bootstrapServers() + " failed: " + e, e);
    }
  }
}
