package dev.runnel.runtime.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _metadata} file of a checkpoint or savepoint folder: written last, and only once
 * every subtask's state is on disk, so a folder with metadata is a complete checkpoint. JSON; the
 * layout is versioned ({@link #version}) and described in {@code docs/checkpoints.md}.
 *
 * @param version the layout version, {@link CheckpointStorage#LAYOUT_VERSION} when written
 * @param kind a checkpoint or a savepoint
 * @param finished true for the checkpoint taken when every source had ended: restoring it
 *     finishes at once
 * @param stateBackend the name of the keyed state backend that wrote the keyed state
 */
public record CheckpointMetadata(
    int version,
    String jobName,
    long checkpointId,
    long timestampMillis,
    CheckpointKind kind,
    boolean finished,
    String stateBackend,
    int maxParallelism,
    List<OperatorState> operators) {

  /** The state of one operator (matched by uid on restore), one entry per subtask. */
  public record OperatorState(String uid, String name, int parallelism, List<SubtaskState> subtasks) {}

  /**
   * @param file the operator's own state (keyed streams such as timers, operator-state lists), or
   *     null if it had none
   * @param keyedState the keyed state backend's handle with a {@code backend} field naming the
   *     backend, or null if the operator is not keyed
   */
  public record SubtaskState(int subtask, StateFile file, JsonNode keyedState) {
    public SubtaskState {
      if (keyedState != null && keyedState.isNull()) {
        keyedState = null; // JSON null reads back as a NullNode
      }
    }
  }

  /** Every file the checkpoint needs besides the metadata, to check before restoring. */
  public List<StateFile> files(List<StateFile> keyedFiles) {
    List<StateFile> all = new ArrayList<>(keyedFiles);
    for (OperatorState op : operators) {
      for (SubtaskState s : op.subtasks()) {
        if (s.file() != null) {
          all.add(s.file());
        }
      }
    }
    return all;
  }

  public OperatorState operator(String uid) {
    for (OperatorState op : operators) {
      if (op.uid().equals(uid)) {
        return op;
      }
    }
    return null;
  }
}
