package dev.runnel.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkValveTest {
  private final List<String> out = new ArrayList<>();
  private final WatermarkValve.ValveOutput sink = new WatermarkValve.ValveOutput() {
    @Override
    public void watermark(long watermark) {
      out.add("wm " + watermark);
    }

    @Override
    public void idle(boolean idle) {
      out.add(idle ? "idle" : "active");
    }
  };

  @Test
  void when_oneChannelBehind_then_watermarkIsTheMinimum() {
    WatermarkValve v = new WatermarkValve(2);
    v.onWatermark(0, 100, sink);
    assertThat(out).isEmpty(); // channel 1 has none yet
    v.onWatermark(1, 50, sink);
    v.onWatermark(1, 150, sink);
    assertThat(out).containsExactly("wm 50", "wm 100");
  }

  @Test
  void when_watermarkDoesNotAdvance_then_nothingIsForwarded() {
    WatermarkValve v = new WatermarkValve(2);
    v.onWatermark(0, 10, sink);
    v.onWatermark(1, 10, sink);
    v.onWatermark(0, 5, sink); // going back is ignored
    v.onWatermark(0, 20, sink); // min is still channel 1's 10
    assertThat(out).containsExactly("wm 10");
  }

  @Test
  void when_slowChannelEnds_then_itNoLongerHoldsTimeBack() {
    WatermarkValve v = new WatermarkValve(2);
    v.onWatermark(0, 300, sink);
    v.onWatermark(1, 100, sink);
    v.onEnd(1, sink);
    assertThat(out).containsExactly("wm 100", "wm 300");
  }

  @Test
  void when_slowChannelIdle_then_othersAdvanceTime() {
    WatermarkValve v = new WatermarkValve(2);
    v.onWatermark(0, 300, sink);
    v.onWatermark(1, 100, sink);
    v.onStatus(1, true, sink);
    assertThat(out).containsExactly("wm 100", "wm 300");
    assertThat(v.isIdle()).isFalse();
  }

  @Test
  void when_allChannelsIdle_then_subtaskIdleUntilOneIsActive() {
    WatermarkValve v = new WatermarkValve(2);
    v.onStatus(0, true, sink);
    v.onStatus(1, true, sink);
    v.onStatus(1, false, sink);
    assertThat(out).containsExactly("idle", "active");
  }

  @Test
  void when_channelReturnsFromIdleBehind_then_itCannotPullTimeBackUntilAligned() {
    WatermarkValve v = new WatermarkValve(2);
    v.onWatermark(0, 100, sink);
    v.onWatermark(1, 100, sink);
    v.onStatus(1, true, sink);
    v.onWatermark(0, 500, sink);
    v.onWatermark(1, 200, sink); // back from idle, behind 500: ignored for the minimum
    v.onWatermark(0, 600, sink);
    v.onWatermark(1, 650, sink); // caught up: participates again
    v.onWatermark(0, 700, sink);
    assertThat(out).containsExactly("wm 100", "wm 500", "wm 600", "wm 650");
  }

  @Test
  void when_allChannelsEnd_then_noFurtherAdvance() {
    WatermarkValve v = new WatermarkValve(1);
    v.onWatermark(0, Watermark.END_OF_TIME, sink);
    v.onEnd(0, sink);
    assertThat(out).containsExactly("wm " + Watermark.END_OF_TIME);
  }
}
