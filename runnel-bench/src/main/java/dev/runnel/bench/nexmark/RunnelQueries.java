package dev.runnel.bench.nexmark;

import dev.runnel.api.DataStream;
import dev.runnel.nexmark.model.Event;

/** Runnel's NEXMark queries by name (placeholder until the registry lands). */
final class RunnelQueries {
  private RunnelQueries() {}

  @SuppressWarnings("unchecked")
  static DataStream<Object> build(String query, DataStream<Event> events) {
    return switch (query) {
      case "q0" -> (DataStream<Object>) (DataStream<?>) events.map(e -> e);
      default -> throw new IllegalArgumentException("unknown query " + query);
    };
  }
}
