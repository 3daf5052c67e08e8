package dev.runnel.nexmark;

import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;

/**
 * A sink that keeps only the {@link Checksum} of what it receives. Each writer accumulates its own
 * partial checksum and adds it to the sink's total when its input ends ({@code finish}) or, failing
 * that, when it is closed; {@link #result()} is complete once the job has ended.
 *
 * @param <T> record type
 */
public final class ChecksumSink<T> implements Sink<T> {
  private final Checksum.Accumulator total = new Checksum.Accumulator();

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return new SinkWriter<>() {
      private final Checksum.Accumulator local = new Checksum.Accumulator();
      private boolean added;

      @Override
      public void write(T record) {
        local.add(record);
      }

      @Override
      public void finish() {
        addToTotal();
      }

      @Override
      public void close() {
        addToTotal();
      }

      private void addToTotal() {
        if (!added) {
          added = true;
          synchronized (total) {
            total.add(local.result());
          }
        }
      }
    };
  }

  /** The checksum of every record written; complete once the job has ended. */
  public Checksum result() {
    synchronized (total) {
      return total.result();
    }
  }
}
