package dev.runnel.bench.nexmark;

import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Runnel sink that folds every record into the order-independent NEXMark checksum and counts
 * them per subtask, adds each subtask's share when its input ends and marks {@link
 * RunProbe#sinkEnd()} then: the same definition and the same moment as {@code FlinkChecksumSink}.
 */
final class RunnelChecksumSink<T> implements Sink<T> {
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong checksum = new AtomicLong(OutputChecksum.empty());

  long count() {
    return count.get();
  }

  long checksum() {
    return checksum.get();
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return new SinkWriter<>() {
      private long localCount;
      private long localChecksum = OutputChecksum.empty();
      private boolean ended;

      @Override
      public void write(T record) {
        localCount++;
        localChecksum = OutputChecksum.add(localChecksum, record);
      }

      @Override
      public void finish() {
        end();
      }

      private void end() {
        if (!ended) {
          ended = true;
          RunProbe.sinkEnd();
          count.addAndGet(localCount);
          checksum.accumulateAndGet(localChecksum, OutputChecksum::combine);
        }
      }
    };
  }
}
