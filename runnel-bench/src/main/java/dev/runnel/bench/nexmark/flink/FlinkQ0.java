package dev.runnel.bench.nexmark.flink;

import dev.runnel.nexmark.model.Event;
import org.apache.flink.streaming.api.datastream.DataStream;

/** q0 on Flink: every event, unchanged, through one (chained) map. */
public final class FlinkQ0 {
  private FlinkQ0() {}

  public static DataStream<Event> build(DataStream<Event> events) {
    return events.map(e -> e).returns(Event.class).name("q0 pass-through");
  }
}
