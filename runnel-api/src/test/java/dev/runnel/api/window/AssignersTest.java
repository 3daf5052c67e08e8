package dev.runnel.api.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssignersTest {
  private static final WindowAssigner.Context CLOCK_AT_1234 = () -> 1_234;

  @Test
  void tumblingEventTimeWindowsAreAlignedToSizeAndOffset() {
    var tumbling = TumblingEventTimeWindows.of(Duration.ofMillis(10));
    assertThat(tumbling.assignWindows("x", 0, CLOCK_AT_1234)).containsExactly(new TimeWindow(0, 10));
    assertThat(tumbling.assignWindows("x", 9, CLOCK_AT_1234)).containsExactly(new TimeWindow(0, 10));
    assertThat(tumbling.assignWindows("x", -1, CLOCK_AT_1234))
        .containsExactly(new TimeWindow(-10, 0));
    var shifted = TumblingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(3));
    assertThat(shifted.assignWindows("x", 2, CLOCK_AT_1234)).containsExactly(new TimeWindow(-7, 3));
    assertThat(tumbling.isEventTime()).isTrue();
    assertThat(tumbling.getDefaultTrigger()).isInstanceOf(EventTimeTrigger.class);
  }

  @Test
  void slidingEventTimeWindowsContainEveryWindowOverlappingTheTimestamp() {
    var sliding = SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5));
    assertThat(sliding.assignWindows("x", 7, CLOCK_AT_1234))
        .containsExactlyInAnyOrder(new TimeWindow(5, 15), new TimeWindow(0, 10));
    var uneven = SlidingEventTimeWindows.of(Duration.ofMillis(25), Duration.ofMillis(10));
    assertThat(uneven.assignWindows("x", 24, CLOCK_AT_1234)).containsExactlyInAnyOrder(
        new TimeWindow(20, 45), new TimeWindow(10, 35), new TimeWindow(0, 25));
  }

  @Test
  void slideLongerThanSizeLeavesGaps() {
    var gappy = SlidingEventTimeWindows.of(Duration.ofMillis(5), Duration.ofMillis(10));
    assertThat(gappy.assignWindows("x", 3, CLOCK_AT_1234)).containsExactly(new TimeWindow(0, 5));
    assertThat(gappy.assignWindows("x", 7, CLOCK_AT_1234)).isEmpty();
  }

  @Test
  void eventTimeAssignersRejectRecordsWithoutTimestamp() {
    assertThatThrownBy(() -> TumblingEventTimeWindows.of(Duration.ofSeconds(1))
        .assignWindows("x", Long.MIN_VALUE, CLOCK_AT_1234))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without a timestamp");
  }

  @Test
  void processingTimeAssignersUseTheClock() {
    assertThat(TumblingProcessingTimeWindows.of(Duration.ofMillis(100))
        .assignWindows("x", 5, CLOCK_AT_1234)).containsExactly(new TimeWindow(1_200, 1_300));
    assertThat(SlidingProcessingTimeWindows.of(Duration.ofMillis(100), Duration.ofMillis(50))
        .assignWindows("x", 5, CLOCK_AT_1234))
        .containsExactlyInAnyOrder(new TimeWindow(1_200, 1_300), new TimeWindow(1_150, 1_250));
    assertThat(ProcessingTimeSessionWindows.withGap(Duration.ofMillis(10))
        .assignWindows("x", 5, CLOCK_AT_1234)).containsExactly(new TimeWindow(1_234, 1_244));
    assertThat(TumblingProcessingTimeWindows.of(Duration.ofMillis(1)).isEventTime()).isFalse();
  }

  @Test
  void sessionWindowsMergeWhenTheyOverlapOrTouch() {
    List<String> merges = new ArrayList<>();
    TimeWindow.mergeWindows(List.of(new TimeWindow(20, 30), new TimeWindow(0, 10),
            new TimeWindow(10, 15), new TimeWindow(40, 50), new TimeWindow(45, 46)),
        (group, result) -> merges.add(group.size() + "->" + result));
    assertThat(merges).containsExactly("2->TimeWindow[0, 15)", "2->TimeWindow[40, 50)");
  }

  @Test
  void dynamicSessionGapComesFromTheElement() {
    EventTimeSessionWindows<Long> sessions =
        EventTimeSessionWindows.withDynamicGap(v -> Duration.ofMillis(v));
    assertThat(sessions.assignWindows(7L, 100, CLOCK_AT_1234)).containsExactly(new TimeWindow(100, 107));
    assertThatThrownBy(() -> sessions.assignWindows(0L, 100, CLOCK_AT_1234))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
  }

  @Test
  void globalWindowsPutEverythingInOneWindowThatNeverFiresByDefault() throws Exception {
    var global = GlobalWindows.create();
    assertThat(global.assignWindows("x", 5, CLOCK_AT_1234)).containsExactly(GlobalWindow.get());
    assertThat(global.getDefaultTrigger().onElement("x", 5, GlobalWindow.get(),
        new FakeTriggerContext())).isEqualTo(TriggerResult.CONTINUE);
    assertThat(GlobalWindow.get().maxTimestamp()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void timeWindowBasics() {
    TimeWindow w = new TimeWindow(0, 10);
    assertThat(w.maxTimestamp()).isEqualTo(9);
    assertThat(w.intersects(new TimeWindow(10, 20))).isTrue();
    assertThat(w.intersects(new TimeWindow(11, 20))).isFalse();
    assertThat(w.cover(new TimeWindow(5, 20))).isEqualTo(new TimeWindow(0, 20));
    assertThatThrownBy(() -> new TimeWindow(5, 5)).isInstanceOf(IllegalArgumentException.class);
  }
}
