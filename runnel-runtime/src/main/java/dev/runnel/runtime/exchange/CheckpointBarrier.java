package dev.runnel.runtime.exchange;

/**
 * Separates the records that belong to checkpoint {@code checkpointId} from those after it. Injected
 * at the sources by the checkpoint coordinator (see ARCHITECTURE.md); the queues already carry it in
 * order with records so that aligning and snapshotting can be added without changing them.
 */
public final class CheckpointBarrier extends ControlElement {
  private final long checkpointId;

  public CheckpointBarrier(long checkpointId) {
    this.checkpointId = checkpointId;
  }

  public long checkpointId() {
    return checkpointId;
  }

  @Override
  public String toString() {
    return "CheckpointBarrier(" + checkpointId + ")";
  }
}
