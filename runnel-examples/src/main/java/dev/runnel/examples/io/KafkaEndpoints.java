package dev.runnel.examples.io;

import dev.runnel.api.DataStream;
import dev.runnel.api.InvalidJobException;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.examples.JobArgumentException;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.PackagedJob;
import dev.runnel.kafka.sink.DeliveryGuarantee;
import dev.runnel.kafka.sink.KafkaSink;
import dev.runnel.kafka.source.KafkaDeadLetter;
import dev.runnel.kafka.source.KafkaSource;
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
 * The Kafka side of {@link JobIo}: a packaged job's topics as sources and sinks, from its {@link
 * KafkaSettings}.
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
  /** How long an input topic that is not there yet is waited for, see {@link #partitions}. */
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private KafkaEndpoints() {}

  static <R> void output(DataStream<R> records, Endpoint.KafkaTopic topic, JobArguments args,
      Function<? super R, ?> key, String step) {
    KafkaSettings kafka = args.kafka();
    // Fails fast, in one line, if the cluster is not there; a missing topic is the sink's to make.
    partitions(kafka, topic.topic(), Duration.ZERO);
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
   * The records of {@code topic}, each value decoded as a line of an input file is, read by one
   * subtask (all partitions, each in offset order, with a watermark per partition). Records that
   * cannot be decoded become {@link KafkaDeadLetter}s (where they came from, why, their bytes):
   * written to {@code deadLetters} if present, keyed by their original key, else they fail the
   * job.
   */
  static <T> DataStream<T> input(StreamEnvironment env, JobArguments args,
      Endpoint.KafkaTopic topic, Class<T> type, WatermarkStrategy<T> watermarks,
      Optional<Endpoint> deadLetters) {
    KafkaSettings kafka = args.kafka();
    if (args.rate().isPresent()) {
      throw new JobArgumentException("--rate applies to file inputs, not to --input " + topic);
    }
    partitions(kafka, topic.topic(), SETTLE).orElseThrow(() -> missing(kafka, topic.topic()));
    JsonValueDecoder<T> decoder = new JsonValueDecoder<>(type, args.fieldMapping());
    KafkaSource.Builder<T> builder = KafkaSource.<T>builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topics(topic.topic())
        .deserializer(record -> decoder.decode(record.value()))
        .startingOffsets(switch (kafka.startingOffsets()) {
          case EARLIEST -> dev.runnel.kafka.source.StartingOffsets.earliest();
          case LATEST -> dev.runnel.kafka.source.StartingOffsets.latest();
          case COMMITTED -> dev.runnel.kafka.source.StartingOffsets.committed(
              dev.runnel.kafka.source.StartingOffsets.earliest());
        })
        .groupId(kafka.groupIdOr(args.jobName()))
        .requestTimeout(max(kafka.connectTimeout(), Duration.ofSeconds(30)));
    if (kafka.bounded()) {
      builder.bounded();
    }
    kafka.properties().forEach(builder::property);
    KafkaSource<T> source = builder.build();
    // One reader: each key's records (one partition) and the watermark follow the topic's order.
    DataStream<T> records = (watermarks == null
            ? env.fromSource(source, PackagedJob.INPUT_STEP)
            : env.fromSource(source, watermarks, PackagedJob.INPUT_STEP))
        .setParallelism(1);
    DataStream<KafkaDeadLetter> rejected = records.getSideOutput(KafkaSource.DEAD_LETTERS);
    if (deadLetters.isPresent()) {
      JobIo.output(rejected, deadLetters.get(), args, KafkaDeadLetter::key,
          PackagedJob.DEAD_LETTER_STEP);
    } else {
      rejected.map(new FailOnDeadLetter()).name("fail-on-bad-record").setParallelism(1)
          .sinkTo(new DiscardingSink<>()).name("no-dead-letters").setParallelism(1);
    }
    return records;
  }

  /**
   * How many partitions an output topic that does not exist gets: as many as the input topic
   * has, or one when the input is a file.
   */
  private static int inputPartitions(JobArguments args) {
    if (args.inputEndpoint() instanceof Endpoint.KafkaTopic input) {
      return partitions(args.kafka(), input.topic(), SETTLE)
          .orElseThrow(() -> missing(args.kafka(), input.topic()));
    }
    return 1;
  }

  /**
   * The partition count of {@code topic}; empty if it does not exist. A topic created a moment
   * ago (by {@code runnel kafka topics --create} just before the run) may not have reached the
   * broker's metadata yet, so an unknown topic is asked about again for up to {@code settle}.
   *
   * @throws InvalidJobException naming the address if the cluster does not answer within the
   *     connect timeout
   */
  static Optional<Integer> partitions(KafkaSettings kafka, String topic, Duration settle) {
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
    long settled = System.nanoTime() + settle.toNanos();
    try {
      while (true) {
        try {
          return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
              .get(timeout, TimeUnit.MILLISECONDS).get(topic).partitions().size());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
          if (System.nanoTime() >= settled) {
            return Optional.empty();
          }
          Thread.sleep(100);
        }
      }
    } catch (ExecutionException e) {
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
