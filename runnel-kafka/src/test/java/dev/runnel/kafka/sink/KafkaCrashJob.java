package dev.runnel.kafka.sink;

import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.KeyedValue;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.api.connector.GeneratorSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The job of {@link KafkaSinkCrashTest}, run in a child JVM that the test kills: a running count
 * per key over a checkpointable source, written exactly-once to a Kafka topic, restored from the
 * latest checkpoint on every start (as {@code runnel run … --restore latest}).
 *
 * <p>Arguments: bootstrap servers, checkpoint directory, output topic, record count, rate per
 * second, checkpoint interval in ms.
 */
public final class KafkaCrashJob {
  static final int KEYS = 13;
  static final String PREFIX = "kafka-crash";

  private KafkaCrashJob() {}

  public static void main(String[] args) {
    String bootstrap = args[0];
    Path checkpoints = Path.of(args[1]);
    String topic = args[2];
    long count = Long.parseLong(args[3]);
    double rate = Double.parseDouble(args[4]);
    long intervalMs = Long.parseLong(args[5]);

    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.enableCheckpointing(Duration.ofMillis(intervalMs)).setCheckpointDirectory(checkpoints)
        .setRetainedCheckpoints(3);
    env.restoreFrom(RestoreFrom.latest());
    env.fromSource(GeneratorSource.of(i -> i).count(count).ratePerSecond(rate).build(),
            "numbers").uid("numbers")
        .keyBy(i -> i % KEYS).count().uid("count")
        .sinkTo(KafkaSink.<KeyedValue<Long, Long>>builder()
            .bootstrapServers(bootstrap)
            .topic(topic)
            .key(KeyedValue::key)
            .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .transactionalIdPrefix(PREFIX)
            .timeout(Duration.ofSeconds(20))
            .build()).uid("kafka");
    JobResult result = env.execute(PREFIX);
    System.exit(result.status() == JobStatus.FINISHED ? 0 : 1);
  }
}
