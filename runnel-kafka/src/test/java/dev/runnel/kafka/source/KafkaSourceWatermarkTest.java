package dev.runnel.kafka.source;

import static dev.runnel.kafka.source.KafkaTestSupport.await;
import static dev.runnel.kafka.source.KafkaTestSupport.collecting;
import static dev.runnel.kafka.source.KafkaTestSupport.createTopic;
import static dev.runnel.kafka.source.KafkaTestSupport.producer;
import static dev.runnel.kafka.source.KafkaTestSupport.send;
import static dev.runnel.kafka.source.KafkaTestSupport.utf8;
import static dev.runnel.kafka.source.KafkaTestSupport.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.JobHandle;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Event time per partition, inside one reader: partition 0 is far behind (and kept active),
 * partition 1 has no data (idle), partition 2 is ahead. The reader's watermark is the minimum over the partitions
 * that are not idle, so windows fire exactly up to where the slowest partition with data is.
 */
class KafkaSourceWatermarkTest {
  private static final Duration IDLENESS = Duration.ofSeconds(2);

  /** Counts a partition's records per 10-second window: "p<partition> <second> <count>". */
  static final class CountPerWindow
      extends ProcessWindowFunction<KafkaMessage<String>, String, Integer, TimeWindow> {
    private final long base;

    CountPerWindow(long base) {
      this.base = base;
    }

    @Override
    public void process(Integer partition, Context<TimeWindow> ctx,
        Iterable<KafkaMessage<String>> elements, Collector<String> out) {
      int n = 0;
      for (KafkaMessage<String> ignored : elements) {
        n++;
      }
      out.collect("p" + partition + " " + (ctx.window().start() - base) / 1000 + " " + n);
    }
  }

  private static List<String> windows(int partition, int firstSecond, int lastSecond) {
    List<String> out = new ArrayList<>();
    for (int s = firstSecond; s <= lastSecond; s += 10) {
      out.add("p" + partition + " " + s + " 10");
    }
    return out;
  }

  @Test
  void when_onePartitionBehindOneIdleOneAhead_then_windowsFireByThePerPartitionMinimum()
      throws Exception {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start();
        KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      createTopic(kafka, "skew", 3);
      // An hour ago, on a 10 s boundary: recent enough for the broker's retention.
      long base = (System.currentTimeMillis() - 3_600_000) / 10_000 * 10_000;
      for (int i = 0; i < 120; i++) {
        if (i < 60) {
          send(producer, "skew", 0, base + i * 1000L, null, utf8("behind " + i)); // to 59 s
        }
        send(producer, "skew", 2, base + i * 1000L, null, utf8("ahead " + i));    // to 119 s
      }

      StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
      WatermarkStrategy<KafkaMessage<String>> strategy =
          WatermarkStrategy.<KafkaMessage<String>>forMonotonousTimestamps().withIdleness(IDLENESS);
      env.fromSource(KafkaSource.<KafkaMessage<String>>builder()
              .bootstrapServers(kafka.bootstrapServers())
              .topics("skew")
              .deserializer(KafkaRecordDeserializer.withMetadata(KafkaRecordDeserializer.string()))
              .build(), strategy, "skew")
          .keyBy(KafkaMessage::partition)
          .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
          .process(new CountPerWindow(base))
          .sinkTo(collecting("windows"));
      // Partition 0 stays active (behind, at 59 s) for as long as the test says, so that it is
      // not taken for idle: a record at 59 s every 100 ms.
      AtomicBoolean keepBehind = new AtomicBoolean(true);
      AtomicInteger heartbeats = new AtomicInteger();
      Thread behind = new Thread(() -> {
        while (keepBehind.get()) {
          try {
            send(producer, "skew", 0, base + 59_000, null, utf8("still behind"));
            heartbeats.incrementAndGet();
            Thread.sleep(100); // the pace of the heartbeat records, not a synchronization
          } catch (Exception e) {
            return;
          }
        }
      });
      JobHandle job = env.executeAsync("skew");
      behind.start();
      try {
        // Partition 1 holds event time back until it is idle; then the minimum is partition 0's
        // watermark (59 s - 1 ms), which closes the windows up to [40 s, 50 s) of both
        // partitions with data, and none of partition 2's later ones.
        await("the first windows", Duration.ofSeconds(20), () -> written("windows").size() >= 10);
        List<String> expected = new ArrayList<>(windows(0, 0, 40));
        expected.addAll(windows(2, 0, 40));
        assertThat(written("windows")).<String>asList().containsExactlyInAnyOrderElementsOf(
            expected);

        // A record at 200 s on partition 1 makes it active; once partitions 0 and 2 are idle,
        // its watermark alone counts, and every window of theirs up to 199 s closes.
        keepBehind.set(false);
        behind.join();
        send(producer, "skew", 1, base + 200_000, null, utf8("late comer"));
        expected.add("p0 50 " + (10 + heartbeats.get()));
        expected.addAll(windows(2, 50, 110));
        await("the remaining windows", Duration.ofSeconds(20),
            () -> written("windows").size() >= expected.size());
        assertThat(written("windows")).<String>asList().containsExactlyInAnyOrderElementsOf(
            expected);
      } finally {
        keepBehind.set(false);
        job.cancel();
        job.await(Duration.ofSeconds(20));
      }
    }
  }
}
