package dev.runnel.runtime.exchange;

import java.util.Arrays;

/**
 * Combines the watermarks and idleness of a subtask's input channels into the subtask's own:
 *
 * <ul>
 *   <li>the watermark is the minimum over the channels that are active, not ended, and aligned
 *       (a channel that comes back from idleness behind the current watermark is not aligned until
 *       it catches up, so it cannot pull time back), forwarded only when it advances;
 *   <li>the subtask is idle when every channel that has not ended is idle.
 * </ul>
 *
 * Pure logic, no threads. Results go to a {@link ValveOutput}.
 */
public final class WatermarkValve {
  /** Receives what the valve decides. */
  public interface ValveOutput {
    void watermark(long watermark);

    void idle(boolean idle);
  }

  private final long[] channelWatermarks;
  private final boolean[] ended;
  private final boolean[] idle;
  private final boolean[] aligned;
  private long current = Watermark.NONE;
  private boolean subtaskIdle;

  public WatermarkValve(int channels) {
    channelWatermarks = new long[channels];
    Arrays.fill(channelWatermarks, Watermark.NONE);
    ended = new boolean[channels];
    idle = new boolean[channels];
    aligned = new boolean[channels];
    Arrays.fill(aligned, true);
  }

  public void onWatermark(int channel, long watermark, ValveOutput out) {
    if (idle[channel]) {
      // A watermark means the producer is active again, even without an ACTIVE status.
      onStatus(channel, false, out);
    }
    if (watermark <= channelWatermarks[channel]) {
      return; // a channel's watermark never goes back
    }
    channelWatermarks[channel] = watermark;
    if (!aligned[channel] && watermark >= current) {
      aligned[channel] = true;
    }
    advance(out);
  }

  public void onStatus(int channel, boolean isIdle, ValveOutput out) {
    if (idle[channel] == isIdle || ended[channel]) {
      return;
    }
    idle[channel] = isIdle;
    if (isIdle) {
      aligned[channel] = false;
      advance(out); // the idle channel may have been the one holding time back
    } else {
      aligned[channel] = channelWatermarks[channel] >= current;
    }
    updateIdleness(out);
  }

  /** The channel delivered its end: it no longer holds back time or keeps the subtask active. */
  public void onEnd(int channel, ValveOutput out) {
    ended[channel] = true;
    advance(out);
    updateIdleness(out);
  }

  public long current() {
    return current;
  }

  public boolean isIdle() {
    return subtaskIdle;
  }

  private void advance(ValveOutput out) {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (int i = 0; i < channelWatermarks.length; i++) {
      if (!ended[i] && !idle[i] && aligned[i]) {
        any = true;
        min = Math.min(min, channelWatermarks[i]);
      }
    }
    if (any && min > current) {
      current = min;
      out.watermark(min);
    }
  }

  private void updateIdleness(ValveOutput out) {
    boolean allIdle = true;
    boolean anyOpen = false;
    for (int i = 0; i < idle.length; i++) {
      if (!ended[i]) {
        anyOpen = true;
        allIdle &= idle[i];
      }
    }
    boolean nowIdle = anyOpen && allIdle;
    if (nowIdle != subtaskIdle) {
      subtaskIdle = nowIdle;
      out.idle(nowIdle);
    }
  }
}
