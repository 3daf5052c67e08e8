package dev.runnel.examples.io;

import dev.runnel.api.DataStream;
import dev.runnel.api.InvalidJobException;
import dev.runnel.examples.JobArguments;
import dev.runnel.kafka.sink.DeliveryGuarantee;
import dev.runnel.kafka.sink.KafkaSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The Kafka side of {@link JobIo}: a packaged job's topics as sinks, from its {@link
 * KafkaSettings}. (Topics as inputs come with the Kafka source.)
 *
 * <p><b>Output.</b> Values are the records as JSON (the same text a file output holds a line of),
 * keys the job's key, so the results of one key stay in order in one partition. Delivery is
 * exactly-once through Kafka transactions that commit with each checkpoint when the job
 * checkpoints, and at-least-once otherwise. Transactional ids start with {@code
 * <group id>-<topic>}: stable across restarts of the job, so a restarted run aborts what a killed
 * one left open, and distinct between the outputs of one job. A topic that does not exist is
 * created with as many partitions as the input topic has (one for a file input).
 *
 * <p><b>Failures.</b> Before the job is built, the cluster must answer within {@link
 * KafkaSettings#connectTimeout()}; otherwise building fails with one line naming the address.
 */
final class KafkaEndpoints {
  private KafkaEndpoints() {}

  static <R> void output(DataStream<R> records, Endpoint.KafkaTopic topic, JobArguments args,
      Function<? super R, ?> key, String step) {
    KafkaSettings kafka = args.kafka();
    partitions(kafka, topic.topic()); // fails fast, in one line, if the cluster is not there
    KafkaSink.Builder<R> builder = KafkaSink.<R>builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topic(topic.topic())
        .key(key)
        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .transactionalIdPrefix(kafka.groupIdOr(args.jobName()) + "-" + topic.topic())
        .timeout(max(kafka.connectTimeout(), Duration.ofSeconds(30)))
        .createTopicIfMissing(inputPartitions(args));
    kafka.properties().forEach(builder::producerProperty);
    records.sinkTo(builder.build()).name(step).setParallelism(1);
  }

  /**
   * How many partitions an output topic that does not exist gets: as many as the input topic
   * has, or one when the input is a file.
   */
  private static int inputPartitions(JobArguments args) {
    if (args.inputEndpoint() instanceof Endpoint.KafkaTopic input) {
      return partitions(args.kafka(), input.topic()).orElseThrow(() -> missing(args.kafka(),
          input.topic()));
    }
    return 1;
  }

  /**
   * The partition count of {@code topic}; empty if it does not exist.
   *
   * @throws InvalidJobException naming the address if the cluster does not answer within the
   *     connect timeout
   */
  static Optional<Integer> partitions(KafkaSettings kafka, String topic) {
    Map<String, Object> settings = new HashMap<>(kafka.properties());
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    int timeout = (int) Math.min(Integer.MAX_VALUE, kafka.connectTimeout().toMillis());
    settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    Admin admin;
    try {
      admin = Admin.create(settings);
    } catch (KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new InvalidJobException("cannot connect to Kafka at " + kafka.bootstrapServers()
          + ": " + cause.getMessage(), e);
    }
    try {
      return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
          .get(timeout, TimeUnit.MILLISECONDS).get(topic).partitions().size());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(kafka, e);
      }
      throw new InvalidJobException("cannot describe Kafka topic '" + topic + "' at "
          + kafka.bootstrapServers() + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw unreachable(kafka, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidJobException("interrupted while connecting to Kafka at "
          + kafka.bootstrapServers(), e);
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  /** The error for an input topic that does not exist. */
  static InvalidJobException missing(KafkaSettings kafka, String topic) {
    return new InvalidJobException("Kafka topic '" + topic + "' does not exist at "
        + kafka.bootstrapServers() + " (create it with 'runnel kafka topics --create " + topic
        + " --partitions N')");
  }

  private static InvalidJobException unreachable(KafkaSettings kafka, Exception cause) {
    long millis = kafka.connectTimeout().toMillis();
    return new InvalidJobException("cannot reach Kafka at " + kafka.bootstrapServers()
        + " within " + (millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms")
        + ": is a broker running there? ('runnel kafka start' runs one)", cause);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
