package dev.runnel.bench.kafka;

import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import dev.runnel.kafka.source.KafkaRecordDeserializer;
import dev.runnel.kafka.source.KafkaSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka source alone: Runnel's {@link KafkaSource} (bounded, bytes, parallelism 1) into a
 * discarding sink, against a plain {@link KafkaConsumer} loop (one consumer, {@code assign}ed every
 * partition, polling until it has every record) on the same topic of the same broker. One warm-up
 * run each, then {@code --runs} rounds with the order reversed every other round; each run is
 * timed from its start (job build, consumer creation) to its last record. Prints the median
 * records per second of each and Runnel's share of the plain loop's.
 *
 * <pre>
 * bin/runnel-bench kafka-source [--records N] [--partitions N] [--value-bytes N] [--runs N]
 * </pre>
 */
public final class KafkaSourceBenchmark {
  private static final String TOPIC = "source-bench";

  private KafkaSourceBenchmark() {}

  public static void main(String[] args) throws Exception {
    long records = 2_000_000;
    int partitions = 4;
    int valueBytes = 100;
    int runs = 3;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--records" -> records = Long.parseLong(value);
        case "--partitions" -> partitions = Integer.parseInt(value);
        case "--value-bytes" -> valueBytes = Integer.parseInt(value);
        case "--runs" -> runs = Integer.parseInt(value);
        default -> {
          System.err.println("usage: runnel-bench kafka-source [--records N] [--partitions N]"
              + " [--value-bytes N] [--runs N]");
          System.exit(2);
        }
      }
      i++;
    }
    final int parts = partitions;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
      String bootstrap = broker.bootstrapServers();
      KafkaBenchmark.createTopics(bootstrap, partitions, TOPIC);
      fill(bootstrap, records, partitions, valueBytes);
      System.out.printf("%,d records of %d bytes in %d partitions%n", records, valueBytes,
          partitions);
      run("warm-up runnel", () -> runnel(bootstrap), records);
      run("warm-up plain", () -> plain(bootstrap, parts), records);
      List<Double> runnel = new ArrayList<>();
      List<Double> plain = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        if (r % 2 == 0) {
          runnel.add(run("runnel", () -> runnel(bootstrap), records));
          plain.add(run("plain", () -> plain(bootstrap, parts), records));
        } else {
          plain.add(run("plain", () -> plain(bootstrap, parts), records));
          runnel.add(run("runnel", () -> runnel(bootstrap), records));
        }
      }
      double a = median(runnel);
      double b = median(plain);
      System.out.printf("median: runnel %,.0f records/s, plain KafkaConsumer %,.0f records/s:"
          + " runnel at %.0f %% of the plain loop%n", a, b, 100 * a / b);
    }
  }

  /** A run that returns how many records it read. */
  private interface Run {
    long read() throws Exception;
  }

  private static double run(String name, Run run, long expected) throws Exception {
    long start = System.nanoTime();
    long read = run.read();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (read != expected) {
      throw new IllegalStateException(name + " read " + read + " records, not " + expected);
    }
    double rate = read / seconds;
    System.out.printf("  %-15s %6.2f s  %,12.0f records/s%n", name, seconds, rate);
    return rate;
  }

  private static long runnel(String bootstrap) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    DiscardingSink<byte[]> sink = new DiscardingSink<>();
    env.fromSource(KafkaSource.<byte[]>builder()
            .bootstrapServers(bootstrap)
            .topics(TOPIC)
            .deserializer(KafkaRecordDeserializer.bytes())
            .bounded()
            .build(), "kafka")
        .sinkTo(sink);
    env.execute("kafka-source-bench");
    return sink.count();
  }

  /** The loop a user would write: every partition assigned, from the start, poll until done. */
  private static long plain(String bootstrap, int partitions) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long count = 0;
    long bytes = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        tps.add(new TopicPartition(TOPIC, i));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long end = consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
      while (count < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          count++;
          bytes += r.value().length; // touch the value, as a discarding sink would receive it
        }
      }
    }
    if (bytes < 0) {
      throw new AssertionError(); // keeps the loop's work observable
    }
    return count;
  }

  private static void fill(String bootstrap, long records, int partitions, int valueBytes) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    byte[] value = new byte[valueBytes];
    Random random = new Random(42);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < records; i++) {
        Arrays.fill(value, (byte) ('a' + random.nextInt(26)));
        producer.send(new ProducerRecord<>(TOPIC, (int) (i % partitions), null, value.clone()));
      }
      producer.flush();
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
