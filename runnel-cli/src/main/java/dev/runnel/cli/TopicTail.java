package dev.runnel.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of one topic as a {@code read_committed} consumer and prints each
 * record's value as a line, as it arrives: what {@code runnel kafka consume} and the demo show.
 * Records of transactions not yet committed are not seen until they are, and those of aborted
 * transactions never. It joins no consumer group (the partitions are assigned directly), so it
 * commits nothing and does not disturb a group a job uses.
 *
 * <p>Threading: {@link #print} runs on one thread; {@link #wakeup()} may be called from any other
 * (a shutdown hook) to make it return.
 */
final class TopicTail implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;

  /**
   * A consumer of {@code partitions} partitions of {@code topic}, positioned at their beginning or
   * at their current end.
   *
   * @param settings the clients' common settings (address, timeouts)
   */
  TopicTail(Map<String, Object> settings, String topic, int partitions, boolean fromBeginning) {
    Map<String, Object> consumerSettings = new HashMap<>(settings);
    consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerSettings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "runnel-kafka-consume");
    this.consumer = new KafkaConsumer<>(
        consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> assigned = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition(topic, p));
    }
    consumer.assign(assigned);
    if (fromBeginning) {
      consumer.seekToBeginning(assigned);
    } else {
      consumer.seekToEnd(assigned);
    }
    // Seeks are lazy: fix the positions now, so records written after this returns are read
    // even if the first poll comes later.
    assigned.forEach(consumer::position);
  }

  /**
   * Prints record values, one a line (flushed as they come), until {@code max} records were
   * printed, no record came for {@code idleTimeout} (null: wait forever), {@code finished} says so
   * (asked after every poll, at least every 200 ms), or {@link #wakeup()}.
   *
   * @return how many records were printed
   */
  long print(PrintWriter out, long max, Duration idleTimeout, BooleanSupplier finished) {
    long printed = 0;
    long lastRecord = System.nanoTime();
    try {
      while (printed < max && !finished.getAsBoolean()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          out.println(record.value() == null
              ? "" : new String(record.value(), StandardCharsets.UTF_8));
          printed++;
          if (printed == max) {
            break;
          }
        }
        if (!records.isEmpty()) {
          out.flush();
          lastRecord = System.nanoTime();
        } else if (idleTimeout != null
            && System.nanoTime() - lastRecord >= idleTimeout.toNanos()) {
          break;
        }
      }
    } catch (WakeupException e) {
      // Asked to stop: what was printed stands.
    }
    out.flush();
    return printed;
  }

  /** Makes a running {@link #print} return soon; safe from any thread. */
  void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(1));
  }
}
