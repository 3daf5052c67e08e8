package dev.runnel.runtime.operators;

import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkWriter;

/**
 * The last operator of a chain: hands each record to its subtask's {@link SinkWriter}, which it
 * creates when it opens (on the subtask's own thread, so a failure fails the job, not the caller).
 */
public final class SinkOperator extends StreamOperator {
  private final Sink<Object> sink;
  private SinkWriter<Object> writer;

  public SinkOperator(Sink<Object> sink) {
    this.sink = sink;
  }

  @Override
  public void open() throws Exception {
    writer = sink.createWriter(context);
  }

  @Override
  public void processElement(Object record, long timestamp) throws Exception {
    writer.write(record);
  }

  @Override
  public void processWatermark(long watermark) {
    // A sink has no downstream to tell.
  }

  @Override
  public void processWatermarkStatus(boolean idle) {
    // Likewise.
  }

  @Override
  public void finish() throws Exception {
    writer.finish();
  }

  @Override
  public void close() throws Exception {
    if (writer != null) {
      SinkWriter<Object> w = writer;
      writer = null;
      w.close();
    }
  }
}
