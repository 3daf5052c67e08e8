package dev.runnel.bench.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The benchmark's records as JSON, through Jackson on both engines (what each one's users would
 * write), so that parsing costs the same on each side.
 */
final class BenchRecords {
  static final ObjectMapper JSON = new ObjectMapper();

  private BenchRecords() {}

  /** An input order; {@code amount} in cents. */
  record Order(
      @JsonProperty("customer_id") String customerId,
      @JsonProperty("amount") long amount,
      @JsonProperty("timestamp") long timestamp) {}

  /** A running total after one order; {@code timestamp} is the order's, for latency. */
  record Total(
      @JsonProperty("customer_id") String customerId,
      @JsonProperty("total") long total,
      @JsonProperty("alert") boolean alert,
      @JsonProperty("timestamp") long timestamp) {}

  /** The count of one customer's orders in one closed one-minute window. */
  record WindowCount(
      @JsonProperty("customer_id") String customerId,
      @JsonProperty("window_start") long windowStart,
      @JsonProperty("count") long count) {}

  static <T> Serde<T> serde(Class<T> type) {
    Serializer<T> serializer = (topic, value) -> {
      try {
        return JSON.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    Deserializer<T> deserializer = (topic, bytes) -> read(bytes, type);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
