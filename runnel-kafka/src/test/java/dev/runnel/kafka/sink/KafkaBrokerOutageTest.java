package dev.runnel.kafka.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.KeyedValue;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away while a job writes to it exactly once, and comes back on the same port and
 * data: the job fails within the sink's timeout, restarts from its last checkpoint (with restart
 * attempts) until the broker answers again, and a read_committed consumer then sees the output of
 * a run without the outage — nothing lost, nothing twice.
 */
class KafkaBrokerOutageTest {
  @TempDir Path kafkaData;
  @TempDir Path checkpoints;

  @Test
  void when_brokerStopsAndStartsAgain_then_jobRecoversWithEveryRecordOnce() throws Exception {
    long n = 40_000;
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(kafkaData).start();
    int port = kafka.port();
    String bootstrap = kafka.bootstrapServers();
    try {
      StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
      env.enableCheckpointing(Duration.ofMillis(200)).setCheckpointDirectory(checkpoints);
      env.setRestartStrategy(RestartStrategy.fixedDelay(60, Duration.ofMillis(500)));
      env.fromSource(GeneratorSource.of(i -> i).count(n).ratePerSecond(4_000).build(), "numbers")
          .uid("numbers")
          .keyBy(i -> i % 10).count().uid("count")
          .sinkTo(KafkaSink.<KeyedValue<Long, Long>>builder()
              .bootstrapServers(bootstrap)
              .topic("outage-counts")
              .key(KeyedValue::key)
              .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
              .transactionalIdPrefix("outage-job")
              .createTopicIfMissing(4)
              .timeout(Duration.ofSeconds(3))
              .build()).uid("kafka");
      JobHandle job = env.executeAsync("outage-job");

      // Let some output become visible, then take the broker away for a few seconds.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (committedCount(bootstrap) < 2_000) {
        assertThat(System.nanoTime()).as("output before the outage").isLessThan(deadline);
        assertThat(job.isDone()).as("job still running").isFalse();
        Thread.sleep(100);
      }
      kafka.close();
      Thread.sleep(4_000);
      kafka = EmbeddedKafkaBroker.builder().dataDir(kafkaData).port(port).start();

      JobResult result = job.await(Duration.ofMinutes(2));
      assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
      assertThat(KafkaSinkJobTest.valuesByKey(kafka, "outage-counts"))
          .isEqualTo(KafkaSinkJobTest.runningCounts(n, 10));
    } finally {
      kafka.close();
    }
  }

  private static long committedCount(String bootstrap) {
    try {
      return KafkaTopics.readCommitted(bootstrap, "outage-counts").size();
    } catch (RuntimeException | AssertionError e) {
      return 0; // the topic is not there yet
    }
  }
}
