package dev.runnel.bench.nexmark;

import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;

/** A Runnel sink that records, per q5/q7 result, its window end and arrival in {@link LatencyLog}. */
final class RunnelLatencySink<T> implements Sink<T> {
  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return new SinkWriter<>() {
      @Override
      public void write(T record) {
        LatencyLog.result(RecordingWatermarks.windowEnd(record), System.nanoTime());
      }

      @Override
      public void finish() {}
    };
  }
}
