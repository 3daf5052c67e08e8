package dev.runnel.bench.nexmark;

import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import dev.runnel.nexmark.Checksum;

/**
 * A Runnel sink that counts its records and, if asked, folds each into the NEXMark {@link
 * Checksum}, per subtask; each subtask adds its share when its input ends and marks {@link
 * RunProbe#sinkEnd()} then: the same work at the same moment as {@code FlinkChecksumSink}.
 */
final class RunnelChecksumSink<T> implements Sink<T> {
  private final boolean checksum;
  private final Checksum.Accumulator total = new Checksum.Accumulator();
  private long count;

  RunnelChecksumSink(boolean checksum) {
    this.checksum = checksum;
  }

  synchronized long count() {
    return count;
  }

  synchronized Checksum checksum() {
    return total.result();
  }

  private synchronized void add(long records, Checksum partial) {
    count += records;
    total.add(partial);
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return new SinkWriter<>() {
      private final Checksum.Accumulator local = new Checksum.Accumulator();
      private long records;
      private boolean ended;

      @Override
      public void write(T record) {
        records++;
        if (checksum) {
          local.add(record);
        }
      }

      @Override
      public void finish() {
        if (!ended) {
          ended = true;
          RunProbe.sinkEnd();
          add(records, local.result());
        }
      }
    };
  }
}
