package dev.runnel.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An input record of an event-time job: it has an event timestamp, and keeps the JSON object it
 * was decoded from so that it can be written back unchanged (to the late-data file).
 */
public interface EventRecord {
  /** The event time, in epoch milliseconds. */
  long timestamp();

  /** The input object as read; implementations serialize as it ({@code @JsonValue}). */
  ObjectNode json();
}
