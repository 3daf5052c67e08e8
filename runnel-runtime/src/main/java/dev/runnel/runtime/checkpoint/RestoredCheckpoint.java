package dev.runnel.runtime.checkpoint;

import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.RestoredKeyedState;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A checked checkpoint or savepoint that a job starts from: hands each new operator subtask its
 * keyed-state handles (those whose key groups overlap its range) and its operator state, matched by
 * operator uid. Reads each operator's files once.
 */
public final class RestoredCheckpoint {
  private final Path folder;
  private final CheckpointMetadata metadata;
  private final Map<String, List<OperatorSnapshotData>> data = new HashMap<>();

  private RestoredCheckpoint(Path folder, CheckpointMetadata metadata) {
    this.folder = folder;
    this.metadata = metadata;
  }

  /** Loads and checks the folder ({@link CheckpointStorage#load}). */
  public static RestoredCheckpoint load(Path folder) throws CorruptCheckpointException {
    return new RestoredCheckpoint(folder, CheckpointStorage.load(folder));
  }

  public Path folder() {
    return folder;
  }

  public CheckpointMetadata metadata() {
    return metadata;
  }

  public boolean has(String uid) {
    return metadata.operator(uid) != null;
  }

  /**
   * Checks that every operator with state in the checkpoint is in the job.
   *
   * @throws IllegalStateException naming the operators whose state would be dropped, unless {@code
   *     allowNonRestoredState}
   */
  public void checkMatched(Collection<String> jobUids, boolean allowNonRestoredState) {
    Set<String> missing = new TreeSet<>();
    for (CheckpointMetadata.OperatorState op : metadata.operators()) {
      if (!jobUids.contains(op.uid())) {
        missing.add(op.uid() + " (" + op.name() + ")");
      }
    }
    if (!missing.isEmpty() && !allowNonRestoredState) {
      throw new IllegalStateException("the checkpoint " + folder + " has state for operator uid(s) "
          + missing + " that the job does not have; give those operators the same uid(...) as "
          + "before, or pass --allow-non-restored-state to drop their state");
    }
  }

  /** The keyed-state handles of {@code uid} whose key groups overlap {@code range}. */
  public List<RestoredKeyedState> keyedStates(String uid, KeyGroupRange range) {
    return operator(uid).keyedStates(range);
  }

  /** What operator {@code uid}'s new subtask gets back ({@link OperatorStateReader}). */
  public OperatorStateReader reader(String uid, int subtask, int parallelism, KeyGroupRange range) {
    return operator(uid).reader(subtask, parallelism, range);
  }

  /**
   * Everything the checkpoint holds of operator {@code uid}, to restore its new subtasks from;
   * {@link OperatorRestore#none()} if the checkpoint has no state of it.
   */
  public OperatorRestore operator(String uid) {
    CheckpointMetadata.OperatorState op = metadata.operator(uid);
    if (op == null) {
      return OperatorRestore.none();
    }
    List<RestoredKeyedState> keyed = new ArrayList<>();
    for (CheckpointMetadata.SubtaskState s : op.subtasks()) {
      if (s.keyedState() == null) {
        continue;
      }
      try {
        keyed.add(new RestoredKeyedState(folder,
            CheckpointStorage.keyedHandle(s.keyedState(), folder)));
      } catch (CorruptCheckpointException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new OperatorRestore(operatorData(uid), keyed, folder.toString());
  }

  /** Every old subtask's operator state of {@code uid}, by old subtask index. */
  public synchronized List<OperatorSnapshotData> operatorData(String uid) {
    return data.computeIfAbsent(uid, this::read);
  }

  private List<OperatorSnapshotData> read(String uid) {
    CheckpointMetadata.OperatorState op = metadata.operator(uid);
    OperatorSnapshotData[] bySubtask = new OperatorSnapshotData[op.parallelism()];
    for (CheckpointMetadata.SubtaskState s : op.subtasks()) {
      if (s.file() == null) {
        continue;
      }
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(
          Files.newInputStream(folder.resolve(s.file().name())), 1 << 16))) {
        bySubtask[s.subtask()] = OperatorSnapshotData.readFrom(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + s.file().name() + " of " + folder, e);
      }
    }
    List<OperatorSnapshotData> list = new ArrayList<>();
    for (OperatorSnapshotData d : bySubtask) {
      list.add(d != null ? d : new OperatorSnapshotData(null, Map.of(), Map.of()));
    }
    return list;
  }
}
