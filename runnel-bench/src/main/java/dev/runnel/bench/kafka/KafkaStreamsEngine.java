package dev.runnel.bench.kafka;

import dev.runnel.bench.kafka.BenchRecords.Order;
import dev.runnel.bench.kafka.BenchRecords.Total;
import dev.runnel.bench.kafka.BenchRecords.WindowCount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The benchmark job on Kafka Streams, as its users would write it: {@code exactly_once_v2}, the
 * record timestamp as event time, JSON through Jackson serdes, a KTable aggregate for the running
 * totals (record cache off, so that every update is written, as Runnel does) and a windowed count
 * suppressed until its window closes.
 */
final class KafkaStreamsEngine implements KafkaBenchEngine {
  private static final Serde<Order> ORDER = BenchRecords.serde(Order.class);
  private static final Serde<Total> TOTAL = BenchRecords.serde(Total.class);
  private static final Serde<WindowCount> COUNT = BenchRecords.serde(WindowCount.class);

  @Override
  public String name() {
    return "kafka-streams";
  }

  @Override
  public Running start(Job job) throws Exception {
    Path stateDir = Files.createTempDirectory("runnel-bench-kstreams-");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-kstreams-" + job.runId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, job.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(job.commitIntervalMs()));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(job.parallelism()));
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

    StreamsBuilder builder = new StreamsBuilder();
    KGroupedStream<String, Order> byCustomer =
        builder.stream(job.inputTopic(), Consumed.with(Serdes.String(), ORDER))
            .groupByKey(Grouped.with(Serdes.String(), ORDER));

    long threshold = job.threshold();
    byCustomer
        .aggregate(
            () -> new Total(null, 0, false, 0),
            (customer, order, total) -> {
              long sum = total.total() + order.amount();
              return new Total(customer, sum, sum > threshold, order.timestamp());
            },
            Materialized.<String, Total, KeyValueStore<Bytes, byte[]>>as("totals")
                .withKeySerde(Serdes.String())
                .withValueSerde(TOTAL))
        .toStream()
        .to(job.totalsTopic(), Produced.with(Serdes.String(), TOTAL));

    byCustomer
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(BenchOrders.WINDOW_MS),
            Duration.ZERO))
        .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts")
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.Long()))
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
        .toStream()
        .map((w, count) ->
            KeyValue.pair(w.key(), new WindowCount(w.key(), w.window().start(), count)))
        .to(job.countsTopic(), Produced.with(Serdes.String(), COUNT));

    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    streams.start();
    return () -> {
      streams.close(Duration.ofSeconds(30));
      streams.cleanUp();
    };
  }
}
