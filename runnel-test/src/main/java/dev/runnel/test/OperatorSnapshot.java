package dev.runnel.test;

import dev.runnel.api.annotation.Public;
import dev.runnel.runtime.checkpoint.OperatorSnapshotData;
import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyedStateHandle;
import java.nio.file.Path;

/**
 * What an operator harness's {@code snapshot(checkpointId)} took of one operator subtask, as a
 * checkpoint of a job keeps it: the operator's own state (timers, in-memory indexes, operator-state
 * lists; written to and read back from its state file), the handle of its keyed state (files in
 * {@link #directory()}), and where the subtask ran. Give it to {@code restoredFrom(...)} or {@code
 * restoreFrom(...)} of a new harness to restore the operator, at the same or another parallelism.
 *
 * <pre>{@code
 * OperatorSnapshot snapshot = harness.snapshot(1);
 * try (var restored = harness.restoredFrom(snapshot)) {
 *   restored.open(); // the new operator has the state of the old one
 * }
 * }</pre>
 *
 * <p>Immutable. The checkpoint folder is a temporary folder, removed when the JVM exits.
 */
@Public
public final class OperatorSnapshot {
  private final long checkpointId;
  private final String operatorName;
  private final int subtaskIndex;
  private final int parallelism;
  private final int maxParallelism;
  private final KeyGroupRange keyGroups;
  private final OperatorSnapshotData operatorState;
  private final KeyedStateHandle keyedState;
  private final Path directory;
  private final String stateBackend;
  private final long processingTime;

  OperatorSnapshot(long checkpointId, String operatorName, int subtaskIndex, int parallelism,
      int maxParallelism, KeyGroupRange keyGroups, OperatorSnapshotData operatorState,
      KeyedStateHandle keyedState, Path directory, String stateBackend, long processingTime) {
    this.checkpointId = checkpointId;
    this.operatorName = operatorName;
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
    this.maxParallelism = maxParallelism;
    this.keyGroups = keyGroups;
    this.operatorState = operatorState;
    this.keyedState = keyedState;
    this.directory = directory;
    this.stateBackend = stateBackend;
    this.processingTime = processingTime;
  }

  public long checkpointId() {
    return checkpointId;
  }

  public String operatorName() {
    return operatorName;
  }

  /** The index of the subtask that was snapshotted. */
  public int subtaskIndex() {
    return subtaskIndex;
  }

  /** The parallelism the operator ran at when the snapshot was taken. */
  public int parallelism() {
    return parallelism;
  }

  public int maxParallelism() {
    return maxParallelism;
  }

  /** The key groups the subtask owned, or null if the operator is not keyed. */
  public KeyGroupRange keyGroups() {
    return keyGroups;
  }

  /** What the operator's {@code snapshotState} handed over, as read back from its state file. */
  public OperatorSnapshotData operatorState() {
    return operatorState;
  }

  /** The keyed state backend's handle, or null if the operator is not keyed. */
  public KeyedStateHandle keyedState() {
    return keyedState;
  }

  /** The checkpoint folder the snapshot's files are in. */
  public Path directory() {
    return directory;
  }

  /** The name of the state backend that took the snapshot ({@code heap}, {@code rocksdb}, ...). */
  public String stateBackend() {
    return stateBackend;
  }

  /** The harness's processing-time clock when the snapshot was taken. */
  public long processingTime() {
    return processingTime;
  }

  @Override
  public String toString() {
    return "OperatorSnapshot{checkpoint " + checkpointId + " of " + operatorName + " (subtask "
        + subtaskIndex + " of " + parallelism + (keyGroups == null ? "" : ", key groups "
        + keyGroups) + ", " + stateBackend + ") in " + directory + "}";
  }
}
