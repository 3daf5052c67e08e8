package dev.runnel.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoInputWatermarkValveTest {
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
  void when_bothInputsHaveWatermarks_then_combinedIsTheMinimum() {
    TwoInputWatermarkValve v = new TwoInputWatermarkValve(1, 1);
    v.onWatermark(1, 0, 100, sink);
    assertThat(out).isEmpty(); // input 2 has none yet
    v.onWatermark(2, 0, 50, sink);
    v.onWatermark(2, 0, 80, sink);
    v.onWatermark(2, 0, 150, sink);
    assertThat(out).containsExactly("wm 50", "wm 80", "wm 100");
    assertThat(v.current()).isEqualTo(100);
    assertThat(v.inputWatermark(2)).isEqualTo(150);
  }

  @Test
  void when_inputHasSeveralChannels_then_itsWatermarkIsTheirMinimumFirst() {
    TwoInputWatermarkValve v = new TwoInputWatermarkValve(2, 1);
    v.onWatermark(2, 0, 500, sink);
    v.onWatermark(1, 0, 300, sink);
    assertThat(out).isEmpty(); // channel 1 of input 1 holds input 1 back
    v.onWatermark(1, 1, 200, sink);
    v.onWatermark(1, 1, 400, sink);
    assertThat(out).containsExactly("wm 200", "wm 300");
  }

  @Test
  void when_watermarkDoesNotAdvance_then_nothingIsForwarded() {
    TwoInputWatermarkValve v = new TwoInputWatermarkValve(1, 1);
    v.onWatermark(1, 0, 10, sink);
    v.onWatermark(2, 0, 10, sink);
    v.onWatermark(1, 0, 20, sink); // input 2 still at 10
    v.onWatermark(1, 0, 15, sink); // going back is ignored
    assertThat(out).containsExactly("wm 10");
  }

  @Test
  void when_inputEnds_then_itNoLongerHoldsTimeBack() {
    TwoInputWatermarkValve v = new TwoInputWatermarkValve(1, 2);
    v.onWatermark(1, 0, 300, sink);
    v.onWatermark(2, 0, 100, sink);
    v.onWatermark(2, 1, 100, sink);
    v.onEnd(2, 0, sink);
    assertThat(out).containsExactly("wm 100"); // channel 1 of input 2 is still open
    v.onEnd(2, 1, sink);
    assertThat(out).containsExactly("wm 100", "wm 300");
  }

  @Test
  void when_inputWithoutEventTimeEnds_then_otherInputAloneSetsTime() {
    TwoInputWatermarkValve v = new TwoInputWatermarkValve(1, 1);
    v.onWatermark(1, 0, 300, sink);
    assertThat(out).isEmpty(); // input 2 never sent a watermark: time waits for it
    v.onEnd(2, 0, sink);
    assertThat(out).containsExactly("wm 300");
  }

  @Test
  void when_oneInputIdle_then_theOtherAdvancesTime_andSubtaskStaysActive() {
    TwoInputWatermarkValve v = new TwoInputWatermarkValve(1, 1);
    v.onWatermark(1, 0, 100, sink);
    v.onWatermark(2, 0, 50, sink);
    v.onStatus(2, 0, true, sink);
    v.onWatermark(1, 0, 200, sink);
    assertThat(out).containsExactly("wm 50", "wm 100", "wm 200");
    assertThat(v.isIdle()).isFalse();
  }

  @Test
  void when_bothInputsIdle_then_subtaskIdle_untilOneIsActiveAgain() {
    TwoInputWatermarkValve v = new TwoInputWatermarkValve(1, 1);
    v.onStatus(1, 0, true, sink);
    assertThat(out).isEmpty();
    v.onStatus(2, 0, true, sink);
    assertThat(out).containsExactly("idle");
    v.onWatermark(1, 0, 10, sink); // a watermark means active again
    assertThat(out).containsExactly("idle", "active", "wm 10");
  }

  @Test
  void when_inputComesBackFromIdlenessBehind_then_itDoesNotPullTimeBack() {
    TwoInputWatermarkValve v = new TwoInputWatermarkValve(1, 1);
    v.onWatermark(1, 0, 100, sink);
    v.onWatermark(2, 0, 100, sink);
    v.onStatus(2, 0, true, sink);
    v.onWatermark(1, 0, 500, sink);
    v.onWatermark(2, 0, 200, sink); // active again, but behind 500: not aligned yet
    v.onWatermark(1, 0, 600, sink);
    v.onWatermark(2, 0, 550, sink);
    v.onWatermark(2, 0, 700, sink);
    assertThat(out).containsExactly("wm 100", "wm 500", "wm 600");
  }

  @Test
  void when_inputNumberInvalid_then_rejected() {
    TwoInputWatermarkValve v = new TwoInputWatermarkValve(1, 1);
    assertThatThrownBy(() -> v.onWatermark(3, 0, 1, sink))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or 2");
    assertThatThrownBy(() -> new TwoInputWatermarkValve(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
