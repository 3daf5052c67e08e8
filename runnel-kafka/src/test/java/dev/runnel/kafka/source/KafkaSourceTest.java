package dev.runnel.kafka.source;

import static dev.runnel.kafka.source.KafkaTestSupport.await;
import static dev.runnel.kafka.source.KafkaTestSupport.collecting;
import static dev.runnel.kafka.source.KafkaTestSupport.createTopic;
import static dev.runnel.kafka.source.KafkaTestSupport.fill;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source against a real broker: where it starts, and bounded mode (with event time too). */
class KafkaSourceTest {
  private static EmbeddedKafkaBroker kafka;
  private static KafkaProducer<byte[], byte[]> producer;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = EmbeddedKafkaBroker.builder().start();
    producer = producer(kafka);
  }

  @AfterAll
  static void stopBroker() {
    producer.close();
    kafka.close();
  }

  private KafkaSource.Builder<String> strings(String topic) {
    return KafkaSource.<String>builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topics(topic)
        .deserializer(KafkaRecordDeserializer.string());
  }

  private static List<String> runBounded(KafkaSource<String> source, int parallelism) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    return env.fromSource(source, "kafka").executeAndCollect();
  }

  @Test
  void when_boundedFromEarliest_then_readsEveryRecordOnceAndEnds() throws Exception {
    createTopic(kafka, "bounded", 3);
    List<String> values = fill(producer, "bounded", 3, 0, 50);

    List<String> out = runBounded(strings("bounded").bounded().build(), 2);

    assertThat(out).containsExactlyInAnyOrderElementsOf(values);
  }

  @Test
  void when_moreSubtasksThanPartitions_then_theOthersEndAtOnce() throws Exception {
    createTopic(kafka, "narrow", 2);
    List<String> values = fill(producer, "narrow", 2, 0, 10);

    assertThat(runBounded(strings("narrow").bounded().build(), 4))
        .containsExactlyInAnyOrderElementsOf(values);
  }

  /** Counts records per partition and 10-second window: "p<partition> <window start> <count>". */
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

  @Test
  void when_boundedWithEventTimeAndCheckpoints_then_everyWindowHasAllItsRecords(
      @TempDir Path checkpoints) throws Exception {
    // Partition p has a record every p+1 seconds: in event time, partition 2 runs three times
    // as fast as partition 0. A bounded job with event time is ordered by event time, and its
    // checkpoints hold records back; per-partition watermarks keep every record on time.
    createTopic(kafka, "bounded-time", 3);
    long base = (System.currentTimeMillis() - 3_600_000) / 10_000 * 10_000;
    Map<String, Integer> expected = new TreeMap<>();
    for (int i = 0; i < 60; i++) {
      for (int p = 0; p < 3; p++) {
        long second = (long) i * (p + 1);
        producer.send(new ProducerRecord<>("bounded-time", p, base + second * 1000, null,
            utf8("r" + i)));
        expected.merge("p" + p + " " + second / 10 * 10, 1, Integer::sum);
      }
    }
    producer.flush();
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.enableCheckpointing(Duration.ofMillis(5)).setCheckpointDirectory(checkpoints);
    env.fromSource(KafkaSource.<KafkaMessage<String>>builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topics("bounded-time")
                .deserializer(KafkaRecordDeserializer.withMetadata(
                    KafkaRecordDeserializer.string()))
                .bounded()
                .build(),
            WatermarkStrategy.<KafkaMessage<String>>forMonotonousTimestamps(), "kafka")
        .keyBy(KafkaMessage::partition)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
        .process(new CountPerWindow(base))
        .sinkTo(collecting("bounded-time"));
    env.execute("bounded-time");

    List<String> want = new ArrayList<>();
    expected.forEach((window, n) -> want.add(window + " " + n));
    assertThat(written("bounded-time")).<String>asList().containsExactlyInAnyOrderElementsOf(want);
  }

  @Test
  void when_startFromTimestamp_then_recordsBeforeItAreSkipped() throws Exception {
    createTopic(kafka, "timed", 2);
    long base = Instant.now().minusSeconds(3600).toEpochMilli();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (int p = 0; p < 2; p++) {
        String v = p + "-" + i;
        send(producer, "timed", p, base + i * 1000L, null, utf8(v));
        if (i >= 12) {
          expected.add(v);
        }
      }
    }

    List<String> out = runBounded(strings("timed").bounded()
        .startingOffsets(StartingOffsets.timestamp(Instant.ofEpochMilli(base + 12_000)))
        .build(), 1);

    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void when_startFromCommitted_then_partitionsWithoutAnOffsetUseTheFallback() throws Exception {
    createTopic(kafka, "committed", 2);
    fill(producer, "committed", 2, 0, 10);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "committed-group");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.commitSync(Map.of(new TopicPartition("committed", 0), new OffsetAndMetadata(7)));
    }

    List<String> out = runBounded(strings("committed").bounded().groupId("committed-group")
        .startingOffsets(StartingOffsets.committed(StartingOffsets.earliest())).build(), 2);

    List<String> expected = new ArrayList<>(List.of("0-7", "0-8", "0-9"));
    for (int i = 0; i < 10; i++) {
      expected.add("1-" + i);
    }
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void when_startFromLatest_then_onlyRecordsWrittenAfterTheStartAreRead() throws Exception {
    createTopic(kafka, "latest", 2);
    fill(producer, "latest", 2, 0, 10); // before the job: not read
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.fromSource(strings("latest").startingOffsets(StartingOffsets.latest()).build(), "kafka")
        .sinkTo(collecting("latest"));
    JobHandle job = env.executeAsync("latest");
    try {
      // The readers have opened (and fixed "latest") once a marker written now comes through.
      await("a marker record", Duration.ofSeconds(20), () -> {
        try {
          send(producer, "latest", 0, null, null, utf8("marker"));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        return written("latest").contains("marker");
      });
      List<String> after = fill(producer, "latest", 2, 100, 10);
      await("the records written after the start", Duration.ofSeconds(20),
          () -> written("latest").containsAll(after));
    } finally {
      job.cancel();
      job.await(Duration.ofSeconds(20));
    }
    List<String> out = written("latest");
    out.removeIf(v -> v.equals("marker"));
    assertThat(out).as("nothing written before the start")
        .noneMatch(v -> Integer.parseInt(v.substring(2)) < 100)
        .hasSize(20);
  }
}
