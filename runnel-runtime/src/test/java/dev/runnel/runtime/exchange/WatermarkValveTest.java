package dev.runnel.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatermarkValveTest {

  @Test
  void when_oneChannelBehind_then_watermarkIsTheMinimum() {
    WatermarkValve v = new WatermarkValve(2);
    assertThat(v.onWatermark(0, 100)).isEqualTo(Watermark.NONE); // channel 1 has none yet
    assertThat(v.onWatermark(1, 50)).isEqualTo(50);
    assertThat(v.onWatermark(1, 150)).isEqualTo(100);
    assertThat(v.current()).isEqualTo(100);
  }

  @Test
  void when_watermarkDoesNotAdvance_then_nothingIsForwarded() {
    WatermarkValve v = new WatermarkValve(2);
    v.onWatermark(0, 10);
    v.onWatermark(1, 10);
    assertThat(v.onWatermark(0, 5)).isEqualTo(Watermark.NONE); // going back is ignored
    assertThat(v.onWatermark(0, 20)).isEqualTo(Watermark.NONE); // min is still channel 1's 10
  }

  @Test
  void when_slowChannelEnds_then_itNoLongerHoldsTimeBack() {
    WatermarkValve v = new WatermarkValve(2);
    v.onWatermark(0, 300);
    v.onWatermark(1, 100);
    assertThat(v.onEnd(1)).isEqualTo(300);
  }

  @Test
  void when_allChannelsEnd_then_noFurtherAdvance() {
    WatermarkValve v = new WatermarkValve(1);
    v.onWatermark(0, Watermark.END_OF_TIME);
    assertThat(v.onEnd(0)).isEqualTo(Watermark.NONE);
    assertThat(v.current()).isEqualTo(Watermark.END_OF_TIME);
  }
}
