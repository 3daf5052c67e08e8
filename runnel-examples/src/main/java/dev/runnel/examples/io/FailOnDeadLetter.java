package dev.runnel.examples.io;

import dev.runnel.api.RunnelException;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.kafka.source.KafkaDeadLetter;

/**
 * Fails the job on the first record of a Kafka input that could not be decoded, naming the
 * topic, partition, offset and reason, when the job has no dead-letter output: the Kafka source
 * always sets such records aside, but the packaged jobs promise, for topics as for files, that a
 * bad input record stops the run unless {@code --dead-letter-output} says where it goes.
 */
final class FailOnDeadLetter implements MapFunction<KafkaDeadLetter, KafkaDeadLetter> {
  private static final long serialVersionUID = 1L;

  @Override
  public KafkaDeadLetter map(KafkaDeadLetter rejected) {
    throw new RunnelException("topic " + rejected.topic() + ", partition "
        + rejected.partition() + ", offset " + rejected.offset() + ": " + rejected.reason());
  }
}
