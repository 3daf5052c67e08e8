package dev.runnel.bench.nexmark;

import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import java.util.List;

/**
 * A Runnel source that marks {@link RunProbe#firstEvent()} at its readers' first poll and, if
 * given a wall-clock limit, ends each reader's input that long after its first poll.
 */
final class ProbedSource<T> implements Source<T> {
  private final Source<T> inner;
  private final long maxWallNanos;

  ProbedSource(Source<T> inner) {
    this(inner, Long.MAX_VALUE);
  }

  /** @param maxWallNanos how long each reader runs at most after its first poll */
  ProbedSource(Source<T> inner, long maxWallNanos) {
    this.inner = inner;
    this.maxWallNanos = maxWallNanos;
  }

  @Override
  public Boundedness boundedness() {
    return inner.boundedness();
  }

  @Override
  public SourceReader<T> createReader(SourceReaderContext context) throws Exception {
    SourceReader<T> reader = inner.createReader(context);
    return new SourceReader<>() {
      private boolean started;
      private long startNanos;

      @Override
      public void open() throws Exception {
        reader.open();
      }

      @Override
      public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (!started) {
          started = true;
          startNanos = System.nanoTime();
          RunProbe.firstEvent();
        } else if (maxWallNanos != Long.MAX_VALUE
            && System.nanoTime() - startNanos >= maxWallNanos) {
          return InputStatus.END_OF_INPUT;
        }
        return reader.pollNext(output);
      }

      @Override
      public List<?> snapshotState(long checkpointId) throws Exception {
        return reader.snapshotState(checkpointId);
      }

      @Override
      public void close() throws Exception {
        reader.close();
      }
    };
  }

  @Override
  public int maxParallelism() {
    return inner.maxParallelism();
  }

  @Override
  public boolean isBlocking() {
    return inner.isBlocking();
  }
}
