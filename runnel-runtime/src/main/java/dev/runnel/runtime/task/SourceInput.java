package dev.runnel.runtime.task;

import dev.runnel.api.OutputTag;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceOutput;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.eventtime.TimestampsAndWatermarks;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.Output;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Drives a source reader: each step is one {@link SourceReader#pollNext} call. With a watermark
 * strategy, it stamps each record and generates watermarks in this subtask.
 *
 * <p><b>Barriers in event time.</b> In a job ordered by event time ({@link EventTimeBarriers}), a
 * checkpoint's barrier must go out right after this subtask's first watermark above the
 * checkpoint's event time, which may come in the middle of a poll. The reader's position is only
 * consistent between polls, so after that watermark the rest of the poll's records are held here
 * (already stamped), and after the poll the barrier is emitted with a snapshot that includes them;
 * then the held records go out. A restore replays held records before reading on.
 *
 * <p><b>Splits.</b> A reader that emits through split outputs ({@link
 * ReaderOutput#createOutputForSplit}) gets a watermark generator per split, combined in {@link
 * TimestampsAndWatermarks}; held records remember their split, and a split released while records
 * are held is released only once they have gone out, so its end cannot advance event time past
 * them.
 */
final class SourceInput implements InputDriver, ReaderOutput<Object>,
    TimestampsAndWatermarks.WatermarkListener {
  /** The operator-state list of a source's split positions. */
  static final String SPLITS = "splits";

  /** The operator-state list with the source subtask's last watermark (one element, if any). */
  static final String WATERMARK = "watermark";

  /** The operator-state list of records read but held behind a barrier, in order. */
  static final String HELD = "held-records";

  /** A record read but not yet emitted, with its event time. */
  record HeldRecord(Object value, long timestamp) {}

  /** A record of split {@code split} read but not yet emitted, with its event time. */
  record HeldSplitRecord(Object value, long timestamp, String split) {}

  /** The reader released split {@code split} after records now held: done when they go out. */
  record HeldRelease(String split) {}

  private final Source<Object> source;
  private final OperatorContext context;
  private final Output output;
  private final TimestampsAndWatermarks<Object> eventTime;
  private final List<Object> restoredSplits;
  private final long restoredWatermark;
  private SourceReader<Object> reader;

  // Barriers in event time; barriers == null outside ordered jobs.
  private EventTimeBarriers barriers;
  private int slot;
  private BarrierAligner.Handler checkpoints;
  /** {@link HeldRecord}s, {@link HeldSplitRecord}s and {@link HeldRelease}s, in order. */
  private final ArrayDeque<Object> held = new ArrayDeque<>();
  /** The reader's split outputs, by split id. */
  private final Map<String, SplitOutput> splitOutputs = new HashMap<>();
  /** Checkpoints whose barrier is due; non-empty while records are being held. */
  private List<Long> due = List.of();
  /** The reader said its input ended while records were held; they go out first. */
  private boolean endReached;

  /**
   * @param eventTime the source's event-time stamping, or null if it has no watermark strategy
   * @param restoredSplits this subtask's share of the split states of the checkpoint the job
   *     restores from, or null for a fresh start
   * @param restoredWatermark the watermark to resume from, or {@link Watermark#NONE}
   * @param restoredHeld records held behind the checkpoint's barrier, to emit first; may be empty
   */
  SourceInput(Source<Object> source, OperatorContext context, Output output,
      TimestampsAndWatermarks<Object> eventTime, List<Object> restoredSplits,
      long restoredWatermark, List<Object> restoredHeld) {
    this.restoredSplits = restoredSplits;
    this.restoredWatermark = restoredWatermark;
    this.source = source;
    this.context = context;
    this.output = output;
    this.eventTime = eventTime;
    held.addAll(restoredHeld);
  }

  /**
   * Places this subtask's barriers in event time ({@link EventTimeBarriers}); only for a source
   * with a watermark strategy whose watermarks follow every record. Before {@link #open()}.
   */
  void orderByEventTime(EventTimeBarriers barriers) {
    this.barriers = barriers;
    this.slot = barriers.register();
    eventTime.orderByEventTime(this);
  }

  /** Where barriers go when they are due: the subtask's checkpointing. */
  void setCheckpoints(BarrierAligner.Handler checkpoints) {
    this.checkpoints = checkpoints;
  }

  /** Whether this source places its barriers itself, in event time. */
  boolean placesBarriersInEventTime() {
    return barriers != null;
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
    if (barriers != null && due.isEmpty()) {
      due = barriers.due(slot); // a checkpoint whose event time this subtask has reached already
    }
    if (!due.isEmpty()) {
      releaseBarriers();
      return InputStatus.MORE_AVAILABLE;
    }
    if (!held.isEmpty()) {
      replayHeld();
      return InputStatus.MORE_AVAILABLE;
    }
    InputStatus status;
    if (endReached) {
      status = InputStatus.END_OF_INPUT;
    } else {
      try {
        status = reader.pollNext(this);
      } catch (Exception e) {
        // As it is if a chained operator downstream failed on a record this reader emitted.
        throw context.failureOf(e);
      }
      if (!due.isEmpty()) {
        endReached = status == InputStatus.END_OF_INPUT;
        return InputStatus.MORE_AVAILABLE; // the barriers and held records go out first
      }
    }
    if (status == InputStatus.END_OF_INPUT) {
      // A finished source holds back no time: release everything that waits for event time.
      if (eventTime != null) {
        eventTime.endOfInput();
        if (!due.isEmpty()) {
          releaseBarriers(); // the end of time is at or above any checkpoint's event time
        }
      } else {
        output.emitWatermark(Watermark.END_OF_TIME);
      }
    }
    return status;
  }

  /** The due barriers, each with a snapshot that includes the held records. */
  private void releaseBarriers() {
    List<Long> checkpointIds = due;
    due = List.of();
    for (long id : checkpointIds) {
      checkpoints.onAligned(id);
    }
  }

  private void replayHeld() {
    Object h;
    while (due.isEmpty() && (h = held.poll()) != null) {
      if (h instanceof HeldRecord r) {
        output.emit(r.value(), r.timestamp());
        eventTime.afterEmit(r.value(), r.timestamp());
      } else if (h instanceof HeldSplitRecord r) {
        output.emit(r.value(), r.timestamp());
        eventTime.afterEmit(eventTime.split(r.split()), r.value(), r.timestamp());
      } else {
        eventTime.releaseSplit(((HeldRelease) h).split());
      }
    }
  }

  @Override
  public void emitted(long watermark) {
    // Published even while records are held for a barrier: the end of time in particular must be
    // known, or this subtask would count as a source still to emit every later barrier.
    List<Long> d = barriers.afterWatermark(slot, watermark);
    if (!d.isEmpty()) {
      if (checkpoints == null) {
        throw new IllegalStateException("a barrier is due but the job takes no checkpoints");
      }
      if (due.isEmpty()) {
        due = d;
      } else { // already holding records for an older barrier: these go out right after it
        List<Long> all = new ArrayList<>(due);
        all.addAll(d);
        due = all;
      }
    }
  }

  /** The reader's split positions, between two polls: everything emitted so far is before them. */
  void snapshotState(OperatorSnapshotWriter out) throws Exception {
    out.declareOperatorState(SPLITS);
    for (Object split : reader.snapshotState(out.checkpointId())) {
      out.addOperatorState(SPLITS, split);
    }
    out.declareOperatorState(WATERMARK);
    long watermark = eventTime == null ? Watermark.NONE : eventTime.currentWatermark();
    if (watermark != Watermark.NONE) {
      out.addOperatorState(WATERMARK, watermark);
    }
    out.declareOperatorState(HELD);
    for (Object h : held) {
      out.addOperatorState(HELD, h);
    }
  }

  /**
   * Checkpoint {@code checkpointId} is complete: tells the reader, on this subtask's thread
   * (called from {@link SubtaskCheckpointer#poll()}, between steps). Not after the reader closed.
   */
  void notifyCheckpointComplete(long checkpointId) throws Exception {
    if (reader != null) {
      reader.notifyCheckpointComplete(checkpointId);
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
    if (!due.isEmpty() || !held.isEmpty()) {
      held.add(new HeldRecord(record, ts)); // behind a barrier that goes out after this poll
      return;
    }
    output.emit(record, ts);
    eventTime.afterEmit(record, ts);
  }

  @Override
  public SourceOutput<Object> createOutputForSplit(String splitId) {
    if (eventTime == null) {
      return this; // without event time there is nothing to keep per split
    }
    return splitOutputs.computeIfAbsent(splitId, id -> new SplitOutput(eventTime.split(id)));
  }

  @Override
  public void releaseOutputForSplit(String splitId) {
    if (eventTime == null || splitOutputs.remove(splitId) == null) {
      return;
    }
    if (!due.isEmpty() || !held.isEmpty()) {
      held.add(new HeldRelease(splitId)); // its records are held: it may not advance time yet
    } else {
      eventTime.releaseSplit(splitId);
    }
  }

  /** The output of one split: its records feed that split's watermark generator. */
  private final class SplitOutput implements SourceOutput<Object> {
    private final TimestampsAndWatermarks<Object>.SplitTime time;

    SplitOutput(TimestampsAndWatermarks<Object>.SplitTime time) {
      this.time = time;
    }

    @Override
    public void collect(Object record) {
      collect(record, Output.NO_TIMESTAMP);
    }

    @Override
    public void collect(Object record, long timestamp) {
      long ts = eventTime.timestampOf(record, timestamp);
      if (!due.isEmpty() || !held.isEmpty()) {
        held.add(new HeldSplitRecord(record, ts, time.id()));
        return;
      }
      output.emit(record, ts);
      eventTime.afterEmit(time, record, ts);
    }
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
