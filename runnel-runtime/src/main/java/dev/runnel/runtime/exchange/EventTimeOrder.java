package dev.runnel.runtime.exchange;

import java.util.Arrays;

/**
 * Orders a subtask's input channels by event time, so that what the subtask computes over a
 * bounded input does not depend on thread timing: a channel whose last watermark is above the
 * lowest last watermark of the channels that have not ended is held back until the others catch
 * up.
 *
 * <p>Why this makes results repeatable: a record that follows watermark {@code w} on its channel
 * is processed only while {@code w} is the lowest watermark, when every other channel has
 * delivered a watermark at or above {@code w}. The subtask's watermark, the minimum over the
 * channels, is then exactly {@code w}. So whether the record is late, which windows it joins and
 * which timers have fired before it depend on the channels' contents alone; and every record under
 * {@code w} is processed before the subtask's watermark passes {@code w}. By induction from sources
 * whose watermarks follow their data, every subtask sees the same records between the same
 * watermarks in every run; only the order of records from different channels between two
 * watermarks may vary, which no event-time decision depends on.
 *
 * <p>Why it cannot deadlock: the channel with the lowest watermark is never held, and watermarks
 * only grow. Checkpoint barriers are placed to fit (a source emits barrier <i>n</i> right after its
 * first watermark above the checkpoint's event time) and the barrier aligner lets a channel that
 * is ahead deliver its barrier during an alignment; see {@code EventTimeBarriers}.
 *
 * <p>Pure logic, no threads; the subtask's thread only.
 */
public final class EventTimeOrder {
  private final long[] watermark;
  private final boolean[] ended;

  public EventTimeOrder(int channels) {
    watermark = new long[channels];
    Arrays.fill(watermark, Watermark.NONE);
    ended = new boolean[channels];
  }

  /** The channel delivered a watermark. */
  public void onWatermark(int channel, long timestamp) {
    watermark[channel] = Math.max(watermark[channel], timestamp);
  }

  /** The channel ended: it holds nothing back any more. */
  public void onEnd(int channel) {
    ended[channel] = true;
  }

  /** The channel's last watermark. */
  public long watermark(int channel) {
    return watermark[channel];
  }

  /** Whether {@code channel} must wait: its watermark is above the lowest of the open channels. */
  public boolean isHeld(int channel) {
    return !ended[channel] && watermark[channel] > lowest();
  }

  /** Sets on {@code gate} which channels are held. */
  public void applyTo(InputGate gate) {
    long lowest = lowest();
    for (int c = 0; c < watermark.length; c++) {
      gate.setBlocked(c, !ended[c] && watermark[c] > lowest);
    }
  }

  /** The lowest watermark of the channels that have not ended; the end of time if all ended. */
  private long lowest() {
    long lowest = Watermark.END_OF_TIME;
    for (int c = 0; c < watermark.length; c++) {
      if (!ended[c]) {
        lowest = Math.min(lowest, watermark[c]);
      }
    }
    return lowest;
  }
}
