package dev.runnel.runtime.task;

import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.eventtime.TimestampsAndWatermarks;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.Output;
import java.util.List;

/**
 * Drives a source reader: each step is one {@link SourceReader#pollNext} call. With a watermark
 * strategy, it stamps each record and generates watermarks in this subtask.
 */
final class SourceInput implements InputDriver, ReaderOutput<Object> {
  /** The operator-state list of a source's split positions. */
  static final String SPLITS = "splits";

  /** The operator-state list with the source subtask's last watermark (one element, if any). */
  static final String WATERMARK = "watermark";

  private final Source<Object> source;
  private final OperatorContext context;
  private final Output output;
  private final TimestampsAndWatermarks<Object> eventTime;
  private final List<Object> restoredSplits;
  private final long restoredWatermark;
  private SourceReader<Object> reader;

  /**
   * @param eventTime the source's event-time stamping, or null if it has no watermark strategy
   * @param restoredSplits this subtask's share of the split states of the checkpoint the job
   *     restores from, or null for a fresh start
   * @param restoredWatermark the watermark to resume from, or {@link Watermark#NONE}
   */
  SourceInput(Source<Object> source, OperatorContext context, Output output,
      TimestampsAndWatermarks<Object> eventTime, List<Object> restoredSplits,
      long restoredWatermark) {
    this.restoredSplits = restoredSplits;
    this.restoredWatermark = restoredWatermark;
    this.source = source;
    this.context = context;
    this.output = output;
    this.eventTime = eventTime;
  }

  /** Creates and opens the reader, on the subtask's own thread, so a failure fails the job. */
  @Override
  public void open() {
    try {
      reader = restoredSplits == null
          ? source.createReader(context)
          : source.restoreReader(context, restoredSplits);
      reader.open();
      if (eventTime != null) {
        eventTime.start();
        if (restoredWatermark != Watermark.NONE) {
          eventTime.restoreWatermark(restoredWatermark);
        }
      }
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
      if (eventTime != null) {
        eventTime.endOfInput();
      } else {
        output.emitWatermark(Watermark.END_OF_TIME);
      }
    }
    return status;
  }

  /** The reader's split positions, between two polls: everything emitted so far is before them. */
  void snapshotState(OperatorSnapshotWriter out) throws Exception {
    out.declareOperatorState(SPLITS);
    for (Object split : reader.snapshotState(out.checkpointId())) {
      out.addOperatorState(SPLITS, split);
    }
    out.declareOperatorState(WATERMARK);
    if (eventTime != null && eventTime.currentWatermark() != Watermark.NONE) {
      out.addOperatorState(WATERMARK, eventTime.currentWatermark());
    }
  }

  OperatorContext context() {
    return context;
  }

  @Override
  public void collect(Object record) {
    collect(record, Output.NO_TIMESTAMP);
  }

  @Override
  public void collect(Object record, long timestamp) {
    if (eventTime == null) {
      output.emit(record, timestamp);
      return;
    }
    long ts = eventTime.timestampOf(record, timestamp);
    output.emit(record, ts);
    eventTime.afterEmit(record, ts);
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
