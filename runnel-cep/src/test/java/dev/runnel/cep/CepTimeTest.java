package dev.runnel.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.OperatorInput;
import dev.runnel.test.OperatorVerifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Time: windows and timed-out partial matches, out-of-order and late elements in event time,
 * processing time; each verified across restores on both backends.
 */
class CepTimeTest {
  private static final OutputTag<Ev> LATE = new OutputTag<>("late");

  private static Pattern<Ev> abWithin(Duration window) {
    return Pattern.<Ev>begin("a").where(e -> e.kind() == 'a')
        .followedBy("b").where(e -> e.kind() == 'b')
        .within(window);
  }

  private static Ev ev(String key, int id, char kind) {
    return new Ev(key, id, kind, 0);
  }

  @Test
  void when_window_ends_then_partial_match_goes_to_the_timed_out_output() {
    OperatorVerifier.Result<String> result = OperatorVerifier.of(
            () -> CepSteps.harness(abWithin(Duration.ofMillis(100))))
        .input(
            OperatorInput.element(ev("k", 1, 'a'), 1_000),
            OperatorInput.element(ev("k", 2, 'b'), 1_050),
            OperatorInput.element(ev("j", 3, 'a'), 1_010),
            OperatorInput.watermark(1_060),
            OperatorInput.element(ev("j", 4, 'b'), 1_110), // 100 ms after j's a: too late
            OperatorInput.watermark(1_200))
        .expectOutput(List.of("k a=[1] b=[2]"))
        .verify();
    assertThat(result.runs()).anyMatch(r -> r.startsWith("RESTORE_AFTER_EVERY_STEP")
        && r.contains("rocksdb"));
    try (OneInputOperatorHarness<Ev, String> h = CepSteps.harness(abWithin(Duration.ofMillis(100)))) {
      h.open();
      h.processElement(ev("k", 1, 'a'), 1_000);
      h.processElement(ev("k", 2, 'a'), 1_030);
      h.processWatermark(1_099);
      assertThat(h.sideOutput(Describe.TIMED_OUT)).isEmpty();
      h.processWatermark(1_100);
      // Stamped with the end of the window.
      assertThat(h.sideOutput(Describe.TIMED_OUT)).containsExactly("k a=[1] @1100");
      h.processWatermark(1_130);
      assertThat(h.sideOutput(Describe.TIMED_OUT)).containsExactly(
          "k a=[1] @1100", "k a=[2] @1130");
    }
  }

  @Test
  void when_events_arrive_out_of_order_then_they_are_matched_in_timestamp_order() {
    Pattern<Ev> p = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a')
        .next("b").where(e -> e.kind() == 'b');
    OperatorVerifier.of(() -> CepSteps.harness(p))
        .input(
            OperatorInput.element(ev("k", 2, 'b'), 20),
            OperatorInput.element(ev("k", 1, 'a'), 10),
            OperatorInput.element(ev("k", 3, 'c'), 30),
            OperatorInput.watermark(25),
            OperatorInput.element(ev("k", 4, 'a'), 40),
            OperatorInput.element(ev("k", 5, 'b'), 35))
        .expectOutput(List.of("k a=[1] b=[2]"))
        .verify();
  }

  @Test
  void when_element_is_late_then_it_goes_to_the_late_side_output() {
    Pattern<Ev> p = abWithin(Duration.ofSeconds(1));
    OperatorVerifier.of(() -> CepSteps.harness(p, s -> s.sideOutputLateData(LATE)))
        .input(
            OperatorInput.element(ev("k", 1, 'a'), 10),
            OperatorInput.watermark(50),
            OperatorInput.element(ev("k", 2, 'b'), 50), // at the watermark: late
            OperatorInput.element(ev("k", 3, 'b'), 60))
        .expectOutput(List.of("k a=[1] b=[3]"))
        .verify();
    try (OneInputOperatorHarness<Ev, String> h =
        CepSteps.harness(p, s -> s.sideOutputLateData(LATE))) {
      h.open();
      h.processWatermark(50);
      h.processElement(ev("k", 2, 'b'), 50);
      assertThat(h.sideOutput(LATE)).containsExactly(ev("k", 2, 'b'));
    }
  }

  @Test
  void when_element_has_no_timestamp_in_event_time_then_the_operator_fails() {
    try (OneInputOperatorHarness<Ev, String> h = CepSteps.harness(abWithin(Duration.ofSeconds(1)))) {
      h.open();
      assertThatThrownBy(() -> h.processElement(ev("k", 1, 'a')))
          .isInstanceOf(OperatorException.class)
          .hasStackTraceContaining("inProcessingTime()");
    }
  }

  @Test
  void processing_time_matches_on_arrival_and_times_out_by_the_clock() {
    Pattern<Ev> p = abWithin(Duration.ofMillis(100));
    OperatorVerifier.Result<String> result =
        OperatorVerifier.of(() -> CepSteps.harness(p, PatternStream::inProcessingTime))
            .input(
                OperatorInput.processingTime(1_000),
                OperatorInput.element(ev("k", 1, 'a')),
                OperatorInput.processingTime(1_050),
                OperatorInput.element(ev("k", 2, 'b')),
                OperatorInput.element(ev("k", 3, 'a')),
                OperatorInput.processingTime(1_200),
                OperatorInput.element(ev("k", 4, 'b')))
            .expectOutput(List.of("k a=[1] b=[2]"))
            .verify();
    assertThat(result.runs()).anyMatch(r -> r.contains("rocksdb"));
    try (OneInputOperatorHarness<Ev, String> h =
        CepSteps.harness(p, PatternStream::inProcessingTime)) {
      h.open();
      h.setProcessingTime(1_000);
      h.processElement(ev("k", 1, 'a'));
      h.setProcessingTime(1_100);
      assertThat(h.sideOutput(Describe.TIMED_OUT)).containsExactly("k a=[1] @1100");
    }
  }
}
