package dev.runnel.runtime.exchange;

/**
 * Event time has reached {@code timestamp}: no element with a timestamp at or before it is
 * expected any more on this channel.
 */
public final class Watermark extends ControlElement {
  /** The watermark emitted when a bounded input ends: it fires every pending event-time action. */
  public static final long END_OF_TIME = Long.MAX_VALUE;

  /** No watermark has been seen yet. */
  public static final long NONE = Long.MIN_VALUE;

  private final long timestamp;

  public Watermark(long timestamp) {
    this.timestamp = timestamp;
  }

  public long timestamp() {
    return timestamp;
  }

  @Override
  public String toString() {
    return "Watermark(" + timestamp + ")";
  }
}
