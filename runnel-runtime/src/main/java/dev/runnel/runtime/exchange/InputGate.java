package dev.runnel.runtime.exchange;

import java.util.List;

/**
 * The consumer end of all the channels that feed one subtask, across all its input edges. Polls
 * them in turn so that no producer starves the others, and tracks which have ended.
 */
public final class InputGate {
  private final Channel[] channels;
  private final boolean[] ended;
  private final boolean[] blocked;
  private int open;
  private int next;
  private int lastChannel = -1;

  public InputGate(List<Channel> channels) {
    this.channels = channels.toArray(new Channel[0]);
    this.ended = new boolean[this.channels.length];
    this.blocked = new boolean[this.channels.length];
    this.open = this.channels.length;
  }

  public int channelCount() {
    return channels.length;
  }

  /** The next available batch from any channel, or null if none has one now. */
  public ElementBatch poll() {
    for (int tried = 0; tried < channels.length; tried++) {
      int c = next;
      next = c + 1 == channels.length ? 0 : c + 1;
      if (ended[c] || blocked[c]) {
        continue;
      }
      ElementBatch batch = channels[c].poll();
      if (batch != null) {
        lastChannel = c;
        return batch;
      }
    }
    return null;
  }

  /** The channel of the batch last returned by {@link #poll}. */
  public int lastChannel() {
    return lastChannel;
  }

  /** Returns a drained batch to the channel it came from. */
  public void recycle(ElementBatch batch) {
    channels[lastChannel].recycle(batch);
  }

  /** Returns a drained batch to {@code channel}, which it came from. */
  public void recycle(ElementBatch batch, int channel) {
    channels[channel].recycle(batch);
  }

  /**
   * Stops or resumes polling {@code channel}: while a checkpoint's barriers are aligned, a channel
   * that already delivered the barrier is held back, and its queue fills up (backpressure).
   */
  public void setBlocked(int channel, boolean block) {
    blocked[channel] = block;
  }

  public boolean isBlocked(int channel) {
    return blocked[channel];
  }

  public boolean isEnded(int channel) {
    return ended[channel];
  }

  /** Records that a channel delivered {@link EndOfPartition}. */
  public void markEnded(int channel) {
    if (!ended[channel]) {
      ended[channel] = true;
      open--;
    }
  }

  public boolean allEnded() {
    return open == 0;
  }
}
