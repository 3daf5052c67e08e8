package dev.runnel.runtime.exchange;

/**
 * Separates the records that belong to checkpoint {@code checkpointId} from those after it. Injected
 * at the sources by the checkpoint coordinator (see ARCHITECTURE.md) and carried in order with the
 * records.
 *
 * <p>In a job whose event time is ordered ({@link EventTimeOrder}), every channel carries the
 * barrier after all its watermarks at or before {@link #position()} and before any later one, so
 * that aligning barriers and ordering channels by event time never wait on each other. Elsewhere
 * the position is {@link Watermark#NONE} and means nothing.
 */
public final class CheckpointBarrier extends ControlElement {
  private final long checkpointId;
  private final long position;

  public CheckpointBarrier(long checkpointId) {
    this(checkpointId, Watermark.NONE);
  }

  public CheckpointBarrier(long checkpointId, long position) {
    this.checkpointId = checkpointId;
    this.position = position;
  }

  public long checkpointId() {
    return checkpointId;
  }

  /** The event time the barrier stands after; {@link Watermark#NONE} outside ordered jobs. */
  public long position() {
    return position;
  }

  @Override
  public String toString() {
    return "CheckpointBarrier(" + checkpointId + (position == Watermark.NONE ? "" : " @" + position)
        + ")";
  }
}
