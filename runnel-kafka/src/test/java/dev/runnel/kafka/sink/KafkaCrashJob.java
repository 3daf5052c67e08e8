package dev.runnel.kafka.sink;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.KeyedValue;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.kafka.source.KafkaSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The job of {@link KafkaSinkCrashTest}, run in a child JVM that the test kills: reads numbers
 * from a multi-partition topic (bounded), keeps a running sum per key ({@code n % KEYS}) and
 * writes it exactly-once to another topic, restored from the latest checkpoint on every start (as
 * {@code runnel run … --restore latest}).
 *
 * <p>Arguments: bootstrap servers, checkpoint directory, input topic, output topic, records per
 * second (the input is throttled so that the kills fall while records flow), checkpoint interval
 * in ms.
 */
public final class KafkaCrashJob {
  static final int KEYS = 13;
  static final String PREFIX = "kafka-crash";

  private KafkaCrashJob() {}

  public static void main(String[] args) {
    String bootstrap = args[0];
    Path checkpoints = Path.of(args[1]);
    String input = args[2];
    String output = args[3];
    double rate = Double.parseDouble(args[4]);
    long intervalMs = Long.parseLong(args[5]);

    StreamEnvironment env = StreamEnvironment.create().setParallelism(2).setWorkerThreads(4);
    env.enableCheckpointing(Duration.ofMillis(intervalMs)).setCheckpointDirectory(checkpoints)
        .setRetainedCheckpoints(3);
    env.restoreFrom(RestoreFrom.latest());
    env.fromSource(KafkaSource.<Long>builder()
            .bootstrapServers(bootstrap)
            .topics(input)
            .deserializer(record -> Long.parseLong(new String(record.value(), UTF_8)))
            .bounded()
            .build(), "numbers").uid("numbers")
        .map(new Throttle(rate / env.getParallelism())).uid("throttle")
        .keyBy(i -> i % KEYS).sum(Long.class, i -> i).uid("sum")
        .sinkTo(KafkaSink.<KeyedValue<Long, Long>>builder()
            .bootstrapServers(bootstrap)
            .topic(output)
            .key(KeyedValue::key)
            .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .transactionalIdPrefix(PREFIX)
            .timeout(Duration.ofSeconds(20))
            .build()).uid("kafka");
    JobResult result = env.execute(PREFIX);
    System.exit(result.status() == JobStatus.FINISHED ? 0 : 1);
  }

  /** Passes records on at most {@code perSecond} a second (per subtask), parking when ahead. */
  static final class Throttle implements MapFunction<Long, Long> {
    private final double perSecond;
    private long start;
    private long count;

    Throttle(double perSecond) {
      this.perSecond = perSecond;
    }

    @Override
    public Long map(Long value) {
      if (count++ == 0) {
        start = System.nanoTime();
      }
      if (count % 32 == 0) {
        long due = start + (long) (count / perSecond * 1e9);
        long ahead = due - System.nanoTime();
        if (ahead > 0) {
          LockSupport.parkNanos(ahead);
        }
      }
      return value;
    }
  }
}
