package dev.runnel.runtime.exchange;

/**
 * Combines the watermarks and idleness of a two-input subtask's channels into the subtask's own,
 * in two stages:
 *
 * <ol>
 *   <li>each input's channels are combined by a {@link WatermarkValve} of their own, into that
 *       input's watermark and idleness;
 *   <li>the two inputs are combined as two channels of one more {@link WatermarkValve}: the
 *       subtask's watermark is the minimum of the inputs that are active and have not ended,
 *       forwarded only when it advances; the subtask is idle when both open inputs are idle. An
 *       input all of whose channels have ended no longer holds time back.
 * </ol>
 *
 * Reusing the one-input valve at both stages gives two-input steps exactly the rules of one-input
 * steps (alignment after idleness included), with an input in the place of a channel. Pure logic,
 * no threads; results go to a {@link WatermarkValve.ValveOutput}.
 */
public final class TwoInputWatermarkValve {
  private final WatermarkValve[] inputs;
  private final int[] openChannels;
  private final WatermarkValve combined = new WatermarkValve(2);
  private final InputStage[] stages = {new InputStage(0), new InputStage(1)};
  private WatermarkValve.ValveOutput out;

  /**
   * @param channels1 number of channels of input 1 (at least one)
   * @param channels2 number of channels of input 2 (at least one)
   */
  public TwoInputWatermarkValve(int channels1, int channels2) {
    if (channels1 < 1 || channels2 < 1) {
      throw new IllegalArgumentException(
          "each input needs a channel, got " + channels1 + " and " + channels2);
    }
    inputs = new WatermarkValve[] {new WatermarkValve(channels1), new WatermarkValve(channels2)};
    openChannels = new int[] {channels1, channels2};
  }

  /** A watermark arrived on {@code channel} (numbered within its input) of input 1 or 2. */
  public void onWatermark(int input, int channel, long watermark, WatermarkValve.ValveOutput out) {
    this.out = out;
    inputs[index(input)].onWatermark(channel, watermark, stages[index(input)]);
  }

  /** A channel of input 1 or 2 became idle or active again. */
  public void onStatus(int input, int channel, boolean idle, WatermarkValve.ValveOutput out) {
    this.out = out;
    inputs[index(input)].onStatus(channel, idle, stages[index(input)]);
  }

  /** A channel of input 1 or 2 delivered its end; call once per channel. */
  public void onEnd(int input, int channel, WatermarkValve.ValveOutput out) {
    this.out = out;
    int i = index(input);
    inputs[i].onEnd(channel, stages[i]);
    if (--openChannels[i] == 0) {
      combined.onEnd(i, out);
    }
  }

  /** The subtask's watermark ({@link Watermark#NONE} before the first). */
  public long current() {
    return combined.current();
  }

  /** The watermark of input 1 or 2 alone. */
  public long inputWatermark(int input) {
    return inputs[index(input)].current();
  }

  public boolean isIdle() {
    return combined.isIdle();
  }

  private static int index(int input) {
    if (input != 1 && input != 2) {
      throw new IllegalArgumentException("input must be 1 or 2, was " + input);
    }
    return input - 1;
  }

  /** Passes what one input's valve decides to the combining valve, as that input's channel. */
  private final class InputStage implements WatermarkValve.ValveOutput {
    private final int index;

    InputStage(int index) {
      this.index = index;
    }

    @Override
    public void watermark(long watermark) {
      combined.onWatermark(index, watermark, out);
    }

    @Override
    public void idle(boolean idle) {
      combined.onStatus(index, idle, out);
    }
  }
}
