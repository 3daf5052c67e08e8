package dev.runnel.runtime.operators;

import dev.runnel.api.functions.Collector;

/**
 * A collector that stamps what it emits with the timestamp of the element being processed. One
 * instance per operator, reused for every element.
 */
final class TimestampedCollector implements Collector<Object> {
  private final Output output;
  private long timestamp;

  TimestampedCollector(Output output) {
    this.output = output;
  }

  void setTimestamp(long timestamp) {
    this.timestamp = timestamp;
  }

  long timestamp() {
    return timestamp;
  }

  @Override
  public void collect(Object value) {
    output.emit(value, timestamp);
  }
}
