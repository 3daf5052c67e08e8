package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Event;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The NEXMark queries in Flink's DataStream API, by name. */
public final class FlinkQueries {
  /** The standard NEXMark watermark bound, as in Runnel's {@code NexmarkSource}. */
  public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(4);

  private FlinkQueries() {}

  /** Bounded out-of-orderness of 4 s on the event's {@code dateTime}. */
  public static WatermarkStrategy<Event> watermarks() {
    return WatermarkStrategy.<Event>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
        .withTimestampAssigner((event, timestamp) -> event.dateTime());
  }

  public static DataStream<Event> events(StreamExecutionEnvironment env, NexmarkFlinkSource source) {
    return env.fromSource(source, watermarks(), "Nexmark");
  }

  /** The stream of {@code query}'s results over {@code events}. */
  public static DataStream<?> build(String query, DataStream<Event> events) {
    return switch (query) {
      case "q0" -> FlinkQ0.build(events);
      case "q1" -> FlinkQ1.build(events);
      case "q2" -> FlinkQ2.build(events);
      case "q3" -> FlinkQ3.build(events);
      case "q4" -> FlinkQ4.build(events);
      case "q5" -> FlinkQ5.build(events);
      case "q7" -> FlinkQ7.build(events);
      case "q8" -> FlinkQ8.build(events);
      case "q9" -> FlinkQ9.build(events);
      case "q11" -> FlinkQ11.build(events);
      case "q12" -> FlinkQ12.build(events);
      default -> throw new IllegalArgumentException("unknown query " + query);
    };
  }
}
