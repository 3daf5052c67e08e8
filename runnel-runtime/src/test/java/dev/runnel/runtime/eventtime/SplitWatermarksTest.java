package dev.runnel.runtime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.runtime.exchange.Watermark;
import org.junit.jupiter.api.Test;

/** The combination of per-split watermarks, as plain logic. */
class SplitWatermarksTest {

  @Test
  void when_splitsAdvance_then_combinedIsTheirMinimum() {
    SplitWatermarks w = new SplitWatermarks();
    w.add("a");
    w.add("b");
    assertThat(w.combined()).isEqualTo(Watermark.NONE);

    w.update("a", 100);
    assertThat(w.combined()).as("b has no watermark yet and holds time back")
        .isEqualTo(Watermark.NONE);
    w.update("b", 40);
    assertThat(w.combined()).isEqualTo(40);
    w.update("b", 500);
    assertThat(w.combined()).isEqualTo(100);
  }

  @Test
  void when_lowerWatermarkArrives_then_splitKeepsItsHigherOne() {
    SplitWatermarks w = new SplitWatermarks();
    assertThat(w.update("a", 100)).isTrue();
    assertThat(w.update("a", 50)).isFalse();
    assertThat(w.watermarkOf("a")).isEqualTo(100);
  }

  @Test
  void when_splitIdle_then_itDoesNotHoldTimeBackUntilActiveAgain() {
    SplitWatermarks w = new SplitWatermarks();
    w.update("behind", 10);
    w.update("ahead", 1_000);
    w.add("empty");
    assertThat(w.combined()).isEqualTo(Watermark.NONE);

    w.setIdle("empty", true);
    assertThat(w.combined()).isEqualTo(10);
    assertThat(w.allIdle()).isFalse();

    w.setIdle("empty", false);
    assertThat(w.combined()).isEqualTo(Watermark.NONE);
  }

  @Test
  void when_everySplitIdleOrNoneLeft_then_allIdle() {
    SplitWatermarks w = new SplitWatermarks();
    assertThat(w.allIdle()).isTrue();
    w.update("a", 5);
    w.update("b", 7);
    w.setIdle("a", true);
    w.setIdle("b", true);
    assertThat(w.allIdle()).isTrue();
    assertThat(w.combined()).isEqualTo(Watermark.NONE);
  }

  @Test
  void when_splitRemoved_then_theOthersDecide() {
    SplitWatermarks w = new SplitWatermarks();
    w.update("done", 3);
    w.update("running", 90);
    w.remove("done");
    assertThat(w.combined()).isEqualTo(90);
    assertThat(w.contains("done")).isFalse();
    w.remove("unknown"); // no effect
    assertThat(w.size()).isEqualTo(1);
  }
}
