package dev.runnel.runtime.operators.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysByTimeTest {
  @Test
  void when_polled_then_dueKeysComeInTimeOrderAndAreRemoved() throws Exception {
    KeysByTime due = new KeysByTime();
    due.add(20, "c");
    due.add(10, "a");
    due.add(10, "b");
    due.add(30, "d");
    List<String> seen = new ArrayList<>();
    due.pollUpTo(20, (t, k) -> seen.add(t + ":" + k));
    assertThat(seen).containsExactly("10:a", "10:b", "20:c");
    assertThat(due.size()).isEqualTo(1);
    due.add(30, "e"); // appends to the remaining list of 30
    due.add(20, "f"); // a time already polled comes back as a new list
    seen.clear();
    due.pollUpTo(Long.MAX_VALUE, (t, k) -> seen.add(t + ":" + k));
    assertThat(seen).containsExactly("20:f", "30:d", "30:e");
    assertThat(due.size()).isZero();
  }
}
