package dev.runnel.runtime.operators.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.TimeWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergingWindowSetTest {
  private final Map<TimeWindow, TimeWindow> mapping = new HashMap<>();
  private final MergingWindowSet<TimeWindow> set = new MergingWindowSet<>(
      EventTimeSessionWindows.withGap(Duration.ofMillis(10)), mapping);
  private final List<String> merges = new ArrayList<>();

  private TimeWindow add(long start, long end) throws Exception {
    return set.addWindow(new TimeWindow(start, end), (result, merged, stateResult, stateMerged) ->
        merges.add(result + " keeps " + stateResult + " takes " + stateMerged));
  }

  @Test
  void when_windowsAreApart_then_eachIsItsOwnStateWindow() throws Exception {
    assertThat(add(0, 10)).isEqualTo(new TimeWindow(0, 10));
    assertThat(add(20, 30)).isEqualTo(new TimeWindow(20, 30));
    assertThat(merges).isEmpty();
    assertThat(set.stateWindow(new TimeWindow(20, 30))).isEqualTo(new TimeWindow(20, 30));
  }

  @Test
  void when_newWindowBridgesTwo_then_allMergeAndOneStateWindowSurvives() throws Exception {
    add(0, 10);
    add(20, 30);
    TimeWindow merged = add(8, 22);
    assertThat(merged).isEqualTo(new TimeWindow(0, 30));
    assertThat(merges).hasSize(1);
    assertThat(merges.get(0)).startsWith("TimeWindow[0, 30) keeps ");
    TimeWindow stateWindow = set.stateWindow(merged);
    assertThat(stateWindow).isIn(new TimeWindow(0, 10), new TimeWindow(20, 30));
    assertThat(mapping).hasSize(1);
  }

  @Test
  void when_newWindowLiesInsideAnExistingOne_then_nothingMerges() throws Exception {
    add(0, 20);
    assertThat(add(5, 15)).isEqualTo(new TimeWindow(0, 20));
    assertThat(merges).isEmpty();
    assertThat(add(0, 20)).isEqualTo(new TimeWindow(0, 20));
    assertThat(merges).isEmpty();
  }

  @Test
  void when_newWindowExtendsOne_then_itKeepsTheOldStateWindow() throws Exception {
    add(0, 10);
    assertThat(add(5, 15)).isEqualTo(new TimeWindow(0, 15));
    assertThat(set.stateWindow(new TimeWindow(0, 15))).isEqualTo(new TimeWindow(0, 10));
    assertThat(merges).containsExactly("TimeWindow[0, 15) keeps TimeWindow[0, 10) takes []");
  }

  @Test
  void when_windowRetires_then_itIsGone() throws Exception {
    add(0, 10);
    set.retireWindow(new TimeWindow(0, 10));
    assertThat(set.isEmpty()).isTrue();
    assertThat(set.stateWindow(new TimeWindow(0, 10))).isNull();
  }
}
