package dev.runnel.runtime.exchange;

import java.util.Arrays;

/**
 * Combines the watermarks of a subtask's input channels into the subtask's watermark: the minimum
 * over the channels that have not ended, forwarded only when it advances. Pure logic, no threads.
 */
public final class WatermarkValve {
  private final long[] channelWatermarks;
  private final boolean[] ended;
  private long current = Watermark.NONE;

  public WatermarkValve(int channels) {
    channelWatermarks = new long[channels];
    Arrays.fill(channelWatermarks, Watermark.NONE);
    ended = new boolean[channels];
  }

  /**
   * Takes a watermark from one channel.
   *
   * @return the subtask's new watermark if it advanced, else {@link Watermark#NONE}
   */
  public long onWatermark(int channel, long watermark) {
    if (watermark <= channelWatermarks[channel]) {
      return Watermark.NONE; // a channel's watermark never goes back
    }
    channelWatermarks[channel] = watermark;
    return advance();
  }

  /**
   * Marks a channel as ended: it no longer holds the watermark back.
   *
   * @return the subtask's new watermark if it advanced, else {@link Watermark#NONE}
   */
  public long onEnd(int channel) {
    ended[channel] = true;
    return advance();
  }

  public long current() {
    return current;
  }

  private long advance() {
    long min = Long.MAX_VALUE;
    boolean anyOpen = false;
    for (int i = 0; i < channelWatermarks.length; i++) {
      if (!ended[i]) {
        anyOpen = true;
        min = Math.min(min, channelWatermarks[i]);
      }
    }
    if (anyOpen && min > current) {
      current = min;
      return min;
    }
    return Watermark.NONE;
  }
}
