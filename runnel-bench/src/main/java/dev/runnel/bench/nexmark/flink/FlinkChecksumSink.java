package dev.runnel.bench.nexmark.flink;

import dev.runnel.bench.nexmark.RunProbe;
import dev.runnel.nexmark.Checksum;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that counts its records and, if asked, folds each into the order-independent
 * NEXMark {@link Checksum} (the same definition as Runnel's side), per subtask; each subtask adds
 * its share to the totals of this JVM when its input ends, and marks {@link RunProbe#sinkEnd()}.
 * The job runs in an in-process MiniCluster, so the totals are read in the same JVM after {@code
 * execute} returns; {@link #reset()} before each job.
 */
public final class FlinkChecksumSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private static final Checksum.Accumulator TOTAL = new Checksum.Accumulator();
  private static long count;

  private final boolean checksum;

  /** @param checksum whether to compute the checksum (else only count) */
  public FlinkChecksumSink(boolean checksum) {
    this.checksum = checksum;
  }

  public static synchronized void reset() {
    count = 0;
    Checksum current = TOTAL.result();
    TOTAL.add(new Checksum(-current.count(), -current.sum(), current.xor()));
  }

  public static synchronized long count() {
    return count;
  }

  public static synchronized Checksum checksum() {
    return TOTAL.result();
  }

  private static synchronized void add(long records, Checksum partial) {
    count += records;
    TOTAL.add(partial);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new Writer<>(checksum);
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final boolean checksum;
    private final Checksum.Accumulator local = new Checksum.Accumulator();
    private long records;
    private boolean ended;

    Writer(boolean checksum) {
      this.checksum = checksum;
    }

    @Override
    public void write(T record, Context context) {
      records++;
      if (checksum) {
        local.add(record);
      }
    }

    @Override
    public void flush(boolean endOfInput) {
      if (endOfInput && !ended) {
        ended = true;
        RunProbe.sinkEnd();
        add(records, local.result());
      }
    }

    @Override
    public void close() {}
  }
}
