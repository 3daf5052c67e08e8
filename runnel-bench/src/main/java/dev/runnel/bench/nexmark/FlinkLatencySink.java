package dev.runnel.bench.nexmark;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that records, per q5/q7 result, its window end and arrival in {@link LatencyLog}
 * (the MiniCluster runs in this JVM, so the static log is the harness's).
 */
final class FlinkLatencySink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new SinkWriter<>() {
      @Override
      public void write(T record, Context context) {
        LatencyLog.result(RecordingWatermarks.windowEnd(record), System.nanoTime());
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
