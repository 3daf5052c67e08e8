package dev.runnel.nexmark.queries;

import dev.runnel.api.DataStream;
import dev.runnel.nexmark.model.Event;

/** q0, pass-through: every event, unchanged. Measures the cost of reading and moving events. */
public final class Q0 {
  private Q0() {}

  public static DataStream<Event> build(DataStream<Event> events) {
    return events.map(event -> event).name("Q0 pass-through");
  }
}
