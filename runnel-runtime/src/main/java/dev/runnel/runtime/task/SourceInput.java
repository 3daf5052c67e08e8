package dev.runnel.runtime.task;

import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.Output;

/** Drives a source reader: each step is one {@link SourceReader#pollNext} call. */
final class SourceInput implements InputDriver, ReaderOutput<Object> {
  private final Source<Object> source;
  private final OperatorContext context;
  private final Output output;
  private SourceReader<Object> reader;

  SourceInput(Source<Object> source, OperatorContext context, Output output) {
    this.source = source;
    this.context = context;
    this.output = output;
  }

  /** Creates and opens the reader, on the subtask's own thread, so a failure fails the job. */
  @Override
  public void open() {
    try {
      reader = source.createReader(context);
      reader.open();
    } catch (Exception e) {
      throw context.failure(null, e);
    }
  }

  @Override
  public InputStatus step() {
    InputStatus status;
    try {
      status = reader.pollNext(this);
    } catch (OperatorException e) {
      throw e; // a chained operator downstream failed on a record this reader emitted
    } catch (Exception e) {
      throw context.failure(null, e);
    }
    if (status == InputStatus.END_OF_INPUT) {
      // A finished source holds back no time: release everything that waits for event time.
      output.emitWatermark(Watermark.END_OF_TIME);
    }
    return status;
  }

  @Override
  public void collect(Object record) {
    output.emit(record, Output.NO_TIMESTAMP);
  }

  @Override
  public void collect(Object record, long timestamp) {
    output.emit(record, timestamp);
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    output.emitSide(tag, value, Output.NO_TIMESTAMP);
  }

  @Override
  public void close() throws Exception {
    if (reader != null) {
      SourceReader<Object> r = reader;
      reader = null;
      r.close();
    }
  }
}
