package dev.runnel.bench.nexmark.flink;

import dev.runnel.bench.nexmark.OutputChecksum;
import dev.runnel.bench.nexmark.RunProbe;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that folds every record into the order-independent NEXMark checksum and counts
 * them, per subtask, and adds each subtask's share to the totals of this JVM when its input ends.
 * The job runs in an in-process MiniCluster, so the totals are read in the same JVM after {@code
 * execute} returns; {@link #reset()} before each job.
 */
public final class FlinkChecksumSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private static final AtomicLong COUNT = new AtomicLong();
  private static final AtomicLong CHECKSUM = new AtomicLong();

  public static void reset() {
    COUNT.set(0);
    CHECKSUM.set(OutputChecksum.empty());
  }

  public static long count() {
    return COUNT.get();
  }

  public static long checksum() {
    return CHECKSUM.get();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new Writer<>();
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private long count;
    private long checksum = OutputChecksum.empty();
    private boolean ended;

    @Override
    public void write(T record, Context context) {
      count++;
      checksum = OutputChecksum.add(checksum, record);
    }

    @Override
    public void flush(boolean endOfInput) {
      if (endOfInput && !ended) {
        ended = true;
        RunProbe.sinkEnd();
        COUNT.addAndGet(count);
        CHECKSUM.accumulateAndGet(checksum, OutputChecksum::combine);
      }
    }

    @Override
    public void close() {}
  }
}
