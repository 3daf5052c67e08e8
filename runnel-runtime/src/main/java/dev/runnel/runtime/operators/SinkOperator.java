package dev.runnel.runtime.operators;

import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkWriter;
import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands records to a sink's writer. With checkpointing and a sink that has a committer, it is the
 * first phase of the two-phase commit: at each checkpoint the writer pre-commits, and what it
 * returns is kept, stored in the checkpoint and acknowledged to the coordinator (which commits it
 * when the checkpoint completes) until a checkpoint that covers it has completed.
 */
public final class SinkOperator extends StreamOperator {
  /** The operator-state list that holds committables not known to be committed. */
  public static final String COMMITTABLES = "committables";

  private final Sink<Object> sink;
  private final boolean twoPhase;
  private final TreeMap<Long, List<Object>> uncommitted = new TreeMap<>();
  private SinkWriter<Object> writer;

  /** @param twoPhase whether the job checkpoints and the sink has a committer */
  public SinkOperator(Sink<Object> sink, boolean twoPhase) {
    this.sink = sink;
    this.twoPhase = twoPhase;
  }

  public SinkOperator(Sink<Object> sink) {
    this(sink, false);
  }

  public boolean isTwoPhase() {
    return twoPhase;
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
  public void snapshotState(OperatorSnapshotWriter out) throws Exception {
    if (!twoPhase) {
      return;
    }
    List<?> prepared = writer.prepareCommit(out.checkpointId());
    if (!prepared.isEmpty()) {
      uncommitted.put(out.checkpointId(), new ArrayList<>(prepared));
    }
    out.declareOperatorState(COMMITTABLES);
    for (Object c : committables()) {
      out.addOperatorState(COMMITTABLES, c);
    }
  }

  /** Every committable not yet known to be committed, oldest first. */
  public List<Object> committables() {
    List<Object> all = new ArrayList<>();
    for (Map.Entry<Long, List<Object>> e : uncommitted.entrySet()) {
      all.addAll(e.getValue());
    }
    return all;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    uncommitted.headMap(checkpointId, true).clear();
  }

  @Override
  public void finish() throws Exception {
    if (!twoPhase) {
      writer.finish();
    }
    // Two-phase: the final checkpoint pre-commits the rest, and its completion commits it.
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
