package dev.runnel.bench.kafka;

import dev.runnel.bench.kafka.BenchRecords.Total;
import dev.runnel.bench.kafka.BenchRecords.WindowCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads an engine's two output topics as a {@code read_committed} consumer would, on a thread of
 * its own: it fingerprints each customer's totals in order, keeps the window counts (and notes a
 * window written twice), remembers when the last total arrived, and records the latency of each
 * total (arrival minus the order's timestamp) when asked to.
 */
final class OutputWatcher implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String totalsTopic;
  private final Thread thread;
  private final boolean recordLatency;
  private volatile boolean running = true;
  /** Orders older than this (wall-clock ms) are warm-up: their latency is not recorded. */
  private volatile long measureFromMillis = Long.MAX_VALUE;

  // Written by the watcher thread, read after waitFor() under this object's monitor.
  private final Map<String, SequenceFingerprint> totals = new HashMap<>();
  private final Map<BenchOrders.WindowKey, Long> counts = new HashMap<>();
  private final List<String> duplicates = new ArrayList<>();
  private final Histogram latencyMs = new Histogram(60_000, 3);
  private long totalCount;
  private long firstTotalNanos;
  private long lastTotalNanos;
  private volatile Throwable failure;

  OutputWatcher(String bootstrapServers, String totalsTopic, String countsTopic, int partitions,
      boolean recordLatency) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watcher-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> assigned = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      assigned.add(new TopicPartition(totalsTopic, i));
      assigned.add(new TopicPartition(countsTopic, i));
    }
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    this.totalsTopic = totalsTopic;
    this.recordLatency = recordLatency;
    this.thread = new Thread(this::run, "bench-output-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          long wallNow = System.currentTimeMillis();
          synchronized (this) {
            if (r.topic().equals(totalsTopic)) {
              Total t = BenchRecords.read(r.value(), Total.class);
              totals.computeIfAbsent(t.customerId(), k -> new SequenceFingerprint()).add(t.total());
              if (totalCount++ == 0) {
                firstTotalNanos = now;
              }
              lastTotalNanos = now;
              if (recordLatency && t.timestamp() >= measureFromMillis) {
                latencyMs.recordValue(Math.max(0, Math.min(60_000, wallNow - t.timestamp())));
              }
            } else {
              WindowCount c = BenchRecords.read(r.value(), WindowCount.class);
              BenchOrders.WindowKey key = new BenchOrders.WindowKey(c.customerId(), c.windowStart());
              if (counts.put(key, c.count()) != null) {
                duplicates.add(key.toString());
              }
            }
          }
        }
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  /** Waits until {@code condition} holds (checked under this object's monitor) or time is up. */
  boolean waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextReport = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (System.nanoTime() > nextReport) {
        nextReport += 10_000_000_000L;
        System.err.printf("  … waiting: %,d totals and %,d window counts so far%n", totalCount(),
            countCount());
      }
      if (failure != null) {
        throw new IllegalStateException("reading the output failed", failure);
      }
      synchronized (this) {
        if (condition.getAsBoolean()) {
          return true;
        }
      }
      Thread.sleep(20);
    }
    return false;
  }

  synchronized long totalCount() {
    return totalCount;
  }

  /** When the first total became visible: the engine had started and read its first input. */
  synchronized long firstTotalNanos() {
    return firstTotalNanos;
  }

  synchronized long lastTotalNanos() {
    return lastTotalNanos;
  }

  synchronized int countCount() {
    return counts.size();
  }

  synchronized Map<String, SequenceFingerprint> totals() {
    return new HashMap<>(totals);
  }

  synchronized Map<BenchOrders.WindowKey, Long> counts() {
    return new HashMap<>(counts);
  }

  synchronized List<String> duplicates() {
    return new ArrayList<>(duplicates);
  }

  synchronized Histogram latency() {
    return latencyMs.copy();
  }

  /** Records the latency of the totals of orders produced from {@code wallMillis} on. */
  void measureFrom(long wallMillis) {
    measureFromMillis = wallMillis;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
    consumer.close(Duration.ofSeconds(5));
  }
}
