package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drops every record, counting them; for benchmarks and for branches whose output is unwanted.
 *
 * @param <T> record type
 */
@Public
public final class DiscardingSink<T> implements Sink<T> {
  private final LongAdder count = new LongAdder();

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return new SinkWriter<>() {
      private long local;

      @Override
      public void write(T record) {
        local++;
      }

      @Override
      public void close() {
        count.add(local);
        local = 0;
      }
    };
  }

  /** How many records the writers have dropped; complete once the job has ended. */
  public long count() {
    return count.sum();
  }
}
