package dev.runnel.examples.io;

import dev.runnel.examples.JobArgumentException;
import java.nio.file.Path;

/**
 * Where a packaged job reads or writes: a file ({@code orders.jsonl}, {@code -} for standard
 * input or output) or a Kafka topic ({@code kafka:orders}). Every option naming a job's input or
 * output ({@code --input}, {@code --output}, {@code --dead-letter-output}, {@code --late-output})
 * takes either, parsed by {@link #parse}.
 */
public sealed interface Endpoint permits Endpoint.File, Endpoint.KafkaTopic {
  /** What marks a topic: {@code kafka:TOPIC}. A file really named so is written {@code ./kafka:…}. */
  String KAFKA_PREFIX = "kafka:";

  /**
   * The endpoint {@code text} names, given as the value of {@code option}.
   *
   * @throws JobArgumentException if it is blank, or a {@code kafka:} endpoint without a valid
   *     topic name
   */
  static Endpoint parse(String option, String text) {
    if (text == null || text.isBlank()) {
      throw new JobArgumentException(
          "invalid value '" + text + "' for option " + option + ": expected a file or kafka:TOPIC");
    }
    if (!text.startsWith(KAFKA_PREFIX)) {
      return new File(Path.of(text));
    }
    String topic = text.substring(KAFKA_PREFIX.length());
    // Kafka's own rule for topic names, checked here so a typo fails before anything runs.
    if (topic.isEmpty() || topic.length() > 249 || !topic.matches("[a-zA-Z0-9._-]+")
        || topic.equals(".") || topic.equals("..")) {
      throw new JobArgumentException("invalid value '" + text + "' for option " + option
          + ": expected kafka:TOPIC, a topic name of up to 249 letters, digits, '.', '_' and '-'");
    }
    return new KafkaTopic(topic);
  }

  /** A file, a directory of files (input), or {@code -} for the standard streams. */
  record File(Path path) implements Endpoint {
    @Override
    public String toString() {
      return path.toString();
    }
  }

  /** A Kafka topic, on the cluster of the run's {@link KafkaSettings}. */
  record KafkaTopic(String topic) implements Endpoint {
    @Override
    public String toString() {
      return KAFKA_PREFIX + topic;
    }
  }
}
