package dev.runnel.runtime.exchange;

import java.util.Arrays;

/**
 * Orders a subtask's input channels by event time, so that what the subtask computes over a
 * bounded input does not depend on thread timing. Each channel has a position: its last watermark,
 * or, once it has delivered a checkpoint barrier, the barrier's {@link CheckpointBarrier#position()}
 * just after the watermarks at or before it. A channel ahead of the lowest position of the channels
 * that have not ended is held back until the others catch up.
 *
 * <p>Why this makes results repeatable: a record read from a channel at position {@code w} is
 * processed only while {@code w} is the lowest position, when every other channel has delivered
 * its watermarks up to {@code w} and no later one. So the subtask's watermark when it processes the
 * record, the minimum over the channels, is a function of the channels' contents alone, and so is
 * whether the record is late, which windows it joins and which timers have fired before it. By
 * induction from sources whose watermarks follow their data, every subtask sees the same records
 * between the same watermarks in every run; only the order of records from different channels
 * between two watermarks may vary, which no event-time decision depends on.
 *
 * <p>Why it cannot deadlock: the channel at the lowest position is never held, every channel's
 * positions only grow, and barriers sit in the same order as watermarks on every channel, so
 * aligning a checkpoint's barriers asks for nothing this order does not already allow.
 *
 * <p>Pure logic, no threads; the subtask's thread only.
 */
public final class EventTimeOrder {
  private final long[] value;
  /** Whether the channel's position is just after a barrier at {@link #value}. */
  private final boolean[] afterBarrier;
  private final boolean[] ended;

  public EventTimeOrder(int channels) {
    value = new long[channels];
    Arrays.fill(value, Watermark.NONE);
    afterBarrier = new boolean[channels];
    ended = new boolean[channels];
  }

  /** The channel delivered a watermark. */
  public void onWatermark(int channel, long watermark) {
    if (watermark > value[channel]) {
      value[channel] = watermark;
      afterBarrier[channel] = false;
    }
  }

  /** The channel delivered a barrier standing after event time {@code position}. */
  public void onBarrier(int channel, long position) {
    if (position > value[channel] || position == value[channel]) {
      value[channel] = position;
      afterBarrier[channel] = true;
    }
  }

  /** The channel ended: it holds nothing back any more. */
  public void onEnd(int channel) {
    ended[channel] = true;
  }

  /**
   * Whether {@code channel} must wait: it is ahead of the lowest position of the channels that have
   * not ended.
   */
  public boolean isHeld(int channel) {
    if (ended[channel]) {
      return false;
    }
    int lowest = lowest();
    return lowest >= 0 && compare(channel, lowest) > 0;
  }

  /** Sets on {@code gate} which channels are held. */
  public void applyTo(InputGate gate) {
    int lowest = lowest();
    for (int c = 0; c < value.length; c++) {
      gate.setBlocked(c, !ended[c] && lowest >= 0 && compare(c, lowest) > 0);
    }
  }

  /** A channel at the lowest position among those not ended, or -1 if all ended. */
  private int lowest() {
    int lowest = -1;
    for (int c = 0; c < value.length; c++) {
      if (!ended[c] && (lowest < 0 || compare(c, lowest) < 0)) {
        lowest = c;
      }
    }
    return lowest;
  }

  private int compare(int a, int b) {
    int byValue = Long.compare(value[a], value[b]);
    return byValue != 0 ? byValue : Boolean.compare(afterBarrier[a], afterBarrier[b]);
  }
}
