package dev.runnel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The demo's order producer: on a thread of its own, writes generated orders {@code 0, 1, 2, …}
 * to a topic as JSON, keyed by customer (so one customer's orders stay in order in one
 * partition), at a steady rate, until {@link #close()}. One thread and an idempotent producer keep
 * each customer's orders in sequence, which the job's running totals rely on.
 *
 * @param <T> the generated order type
 */
final class DemoOrderProducer<T> implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final LongFunction<T> orders;
  private final Function<T, String> customer;
  private final double rate;
  private final Thread thread;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean stopped;

  /**
   * Starts producing.
   *
   * @param settings the Kafka client settings (address, timeouts)
   * @param rate orders per second
   */
  DemoOrderProducer(Map<String, Object> settings, String topic, LongFunction<T> orders,
      Function<T, String> customer, double rate) {
    Map<String, Object> producerSettings = new HashMap<>(settings);
    producerSettings.put(ProducerConfig.CLIENT_ID_CONFIG, "runnel-demo-orders");
    producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
    producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerSettings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer = new KafkaProducer<>(
        producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.orders = orders;
    this.customer = customer;
    this.rate = rate;
    this.thread = new Thread(this::run, "runnel-demo-orders");
    thread.setDaemon(true);
    thread.start();
  }

  /** Orders handed to Kafka so far. */
  long sent() {
    return sent.get();
  }

  /** Why producing stopped early, if it did. */
  Exception failure() {
    return failure.get();
  }

  private void run() {
    long start = System.nanoTime();
    try {
      for (long i = 0; !stopped; i++) {
        // Pace by the clock, not by sleeping a fixed time per order, so the rate holds on
        // average even when a send or the scheduler is late.
        long due = start + (long) (i * 1_000_000_000L / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        T order = orders.apply(i);
        producer.send(new ProducerRecord<>(topic,
            customer.apply(order).getBytes(StandardCharsets.UTF_8), json(order)),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
        sent.incrementAndGet();
      }
    } catch (InterruptedException | InterruptException e) {
      // close() stops the thread.
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private static byte[] json(Object order) {
    try {
      return JSON.writeValueAsBytes(order);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a generated order as JSON: " + order, e);
    }
  }

  /** Stops producing and waits for the thread; orders already sent are flushed. */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
