package dev.runnel.runtime.checkpoint;

import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.RestoredKeyedState;
import java.util.ArrayList;
import java.util.List;

/**
 * What a checkpoint holds of one operator (every old subtask's operator state and keyed-state
 * handles), and the one way a new subtask of that operator takes its share back: a keyed state
 * backend created and filled with the keyed state of the key groups it owns now ({@link
 * #createKeyedStateBackend}), and the reader its {@code restoreState} gets ({@link #reader}).
 *
 * <p>The job deployer restores through it from a checkpoint folder ({@link
 * RestoredCheckpoint#operator}); the operator harnesses of {@code runnel-test} from their own
 * snapshots. Both take this path so that what a harness test shows about restoring is what a job
 * does. Immutable.
 */
public final class OperatorRestore {
  private static final OperatorRestore NONE = new OperatorRestore(List.of(), List.of(), "nothing");

  private final List<OperatorSnapshotData> operatorData;
  private final List<RestoredKeyedState> keyedStates;
  private final String origin;

  /**
   * @param operatorData every old subtask's operator state, by old subtask index (so its size is
   *     the old parallelism); empty for an operator the checkpoint does not have
   * @param keyedStates the old subtasks' keyed-state handles, of any key groups
   * @param origin where the state comes from (a checkpoint folder), for failure messages
   */
  public OperatorRestore(List<OperatorSnapshotData> operatorData,
      List<RestoredKeyedState> keyedStates, String origin) {
    this.operatorData = List.copyOf(operatorData);
    this.keyedStates = List.copyOf(keyedStates);
    this.origin = origin;
  }

  /** The restore of an operator that has no state in the checkpoint: it starts empty. */
  public static OperatorRestore none() {
    return NONE;
  }

  /** The keyed-state handles whose key groups overlap {@code range}: those a new subtask reads. */
  public List<RestoredKeyedState> keyedStates(KeyGroupRange range) {
    List<RestoredKeyedState> out = new ArrayList<>();
    for (RestoredKeyedState s : keyedStates) {
      KeyGroupRange r = s.handle().keyGroupRange();
      if (r.start() <= range.end() && range.start() <= r.end()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * What new subtask {@code subtask} of {@code parallelism} gets back in {@code restoreState}:
   * keyed streams of {@code keyGroups} (null for an operator that is not keyed) and its share of
   * operator-state lists.
   */
  public OperatorStateReader reader(int subtask, int parallelism, KeyGroupRange keyGroups) {
    return operatorData.isEmpty() ? OperatorStateReader.empty()
        : new OperatorStateReader(operatorData, subtask, parallelism, keyGroups);
  }

  /**
   * Creates the keyed state backend of a new subtask and, when {@code restore} is given, restores
   * into it the keyed state of the key groups in {@code parameters}; a backend that fails to
   * restore is closed before the failure is thrown.
   *
   * @param restore what to restore, or null for a fresh start
   * @param subtaskName the operator and subtask, as failure messages name them
   * @throws IllegalStateException if the backend cannot be created or restored
   */
  public static KeyedStateBackend createKeyedStateBackend(KeyedStateBackendFactory factory,
      KeyedStateBackendFactory.Parameters parameters, OperatorRestore restore,
      String subtaskName) {
    KeyedStateBackend backend;
    try {
      backend = factory.create(parameters);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the " + factory.name()
          + " state backend of " + subtaskName + ": " + e.getMessage(), e);
    }
    if (restore != null) {
      try {
        backend.restore(restore.keyedStates(parameters.keyGroupRange()));
      } catch (Exception e) {
        backend.close();
        throw new IllegalStateException("cannot restore the keyed state of " + subtaskName
            + " from " + restore.origin + ": " + e.getMessage(), e);
      }
    }
    return backend;
  }

  @Override
  public String toString() {
    return "OperatorRestore{" + operatorData.size() + " old subtasks, " + keyedStates.size()
        + " keyed-state handles, from " + origin + "}";
  }
}
