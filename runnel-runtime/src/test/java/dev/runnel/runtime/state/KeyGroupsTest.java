package dev.runnel.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeyGroupsTest {

  @ParameterizedTest
  @CsvSource({"128,1", "128,2", "128,3", "128,7", "128,128", "10,4", "1,1"})
  void when_rangesComputed_then_theyTileAllKeyGroupsAndAgreeWithSubtaskOf(int maxP, int p) {
    int next = 0;
    for (int subtask = 0; subtask < p; subtask++) {
      KeyGroupRange range = KeyGroups.rangeOf(subtask, maxP, p);
      assertThat(range.start()).isEqualTo(next);
      for (int kg = range.start(); kg <= range.end(); kg++) {
        assertThat(KeyGroups.subtaskOf(kg, maxP, p)).isEqualTo(subtask);
      }
      next = range.end() + 1;
    }
    assertThat(next).isEqualTo(maxP);
  }

  @Test
  void when_sequentialIntegerKeys_then_keyGroupsAreEvenlyFilled() {
    int[] counts = new int[128];
    for (int k = 0; k < 128_000; k++) {
      counts[KeyGroups.keyGroupOf(k, 128)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(800, 1200);
    }
  }

  @Test
  void when_sameKey_then_sameKeyGroupEveryTime() {
    assertThat(KeyGroups.keyGroupOf("user-42", 128)).isEqualTo(KeyGroups.keyGroupOf("user-42", 128));
  }
}
