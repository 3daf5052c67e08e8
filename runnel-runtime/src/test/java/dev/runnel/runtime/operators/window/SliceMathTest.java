package dev.runnel.runtime.operators.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceMathTest {
  @Test
  void sliceIsTheGcdOfSizeAndSlide() {
    assertThat(new SliceMath(10_000, 100, 0).slice()).isEqualTo(100);
    assertThat(new SliceMath(25, 10, 0).slice()).isEqualTo(5);
    assertThat(new SliceMath(20, 20, 0).slice()).isEqualTo(20);
    assertThat(new SliceMath(25, 10, 0).slicesPerWindow()).isEqualTo(5);
  }

  @Test
  void slicesAndWindowStartsHandleNegativeTimestampsAndOffsets() {
    SliceMath m = new SliceMath(25, 10, 3);
    assertThat(m.sliceStart(-1)).isEqualTo(-2);
    assertThat(m.lastWindowStart(-1)).isEqualTo(-7);
    assertThat(m.sliceStart(3)).isEqualTo(3);
    assertThat(m.lastWindowStart(12)).isEqualTo(3);
  }

  @Test
  void when_comparedWithBruteForce_then_everyWindowOfASliceIsFound() {
    Random random = new Random(1);
    for (int round = 0; round < 200; round++) {
      long slide = 1 + random.nextInt(20);
      long size = slide * (1 + random.nextInt(4)) + random.nextInt((int) slide);
      long offset = random.nextInt(50) - 25;
      SliceMath m = new SliceMath(size, slide, offset);
      long t = random.nextInt(1_000) - 500;
      long s = m.sliceStart(t);
      assertThat(t).isBetween(s, s + m.slice() - 1);
      // brute force: window starts are offset + k * slide; a window contains the slice when
      // start <= s and s + slice <= start + size
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (long start = Math.floorMod(offset, slide) - slide * (2_000 / slide + 1); start < 2_000;
          start += slide) {
        if (start <= s && s + m.slice() <= start + size) {
          first = Math.min(first, start);
          last = Math.max(last, start);
        }
        if (start <= t && t < start + size) {
          assertThat(start).isLessThanOrEqualTo(m.lastWindowStart(t));
        }
      }
      assertThat(m.firstWindowStart(s)).as("size %d slide %d offset %d t %d", size, slide, offset, t)
          .isEqualTo(first);
      assertThat(m.lastWindowStart(s)).isEqualTo(last);
      assertThat(m.lastWindowStart(t)).isEqualTo(last);
    }
  }

  @Test
  void slideLongerThanSizeIsNotSliced() {
    assertThatThrownBy(() -> new SliceMath(10, 20, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slide <= size");
  }
}
