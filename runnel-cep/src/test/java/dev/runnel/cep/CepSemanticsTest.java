package dev.runnel.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.test.OneInputOperatorHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each operator and option on a small hand-checked sequence, through the operator in event time:
 * the examples docs/cep.md gives.
 */
class CepSemanticsTest {
  /** Runs {@code pattern} over events "kind+value" like "a1", ids 1, 2, 3, … in that order. */
  private static List<String> run(Pattern<Ev> pattern, String... events) {
    try (OneInputOperatorHarness<Ev, String> h = CepSteps.harness(pattern)) {
      h.open();
      for (int i = 0; i < events.length; i++) {
        String e = events[i];
        h.processElement(new Ev("k", i + 1, e.charAt(0), e.length() > 1
            ? Integer.parseInt(e.substring(1)) : 0), 10L * (i + 1));
      }
      h.processWatermark(Long.MAX_VALUE);
      h.endInput();
      return new ArrayList<>(h.output());
    }
  }

  private static Pattern<Ev> aThen(java.util.function.Function<Pattern<Ev>, Pattern<Ev>> next) {
    return next.apply(Pattern.<Ev>begin("a").where(e -> e.kind() == 'a'))
        .where(e -> e.kind() == 'b');
  }

  @Test
  void next_takes_only_the_event_right_after() {
    assertThat(run(aThen(p -> p.next("b")), "a", "c", "b", "a", "b"))
        .containsExactly("k a=[4] b=[5]");
  }

  @Test
  void followedBy_takes_the_first_accepted_event_after() {
    assertThat(run(aThen(p -> p.followedBy("b")), "a", "c", "b", "b"))
        .containsExactly("k a=[1] b=[3]");
  }

  @Test
  void followedByAny_takes_every_accepted_event_after() {
    assertThat(run(aThen(p -> p.followedByAny("b")), "a", "c", "b", "b"))
        .containsExactly("k a=[1] b=[3]", "k a=[1] b=[4]");
  }

  @Test
  void notNext_forbids_the_event_right_after() {
    Pattern<Ev> p = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a')
        .notNext("not-c").where(e -> e.kind() == 'c')
        .followedBy("b").where(e -> e.kind() == 'b');
    assertThat(run(p, "a", "c", "b", "a", "x", "c", "b"))
        .containsExactly("k a=[4] b=[7]");
  }

  @Test
  void notFollowedBy_forbids_the_event_anywhere_in_between() {
    Pattern<Ev> p = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a')
        .notFollowedBy("no-c").where(e -> e.kind() == 'c')
        .followedBy("b").where(e -> e.kind() == 'b');
    assertThat(run(p, "a", "x", "c", "b", "a", "x", "b"))
        .containsExactly("k a=[5] b=[7]");
  }

  @Test
  void oneOrMore_is_relaxed_inside_and_emits_every_length() {
    Pattern<Ev> p = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a').oneOrMore()
        .next("b").where(e -> e.kind() == 'b');
    assertThat(run(p, "a", "x", "a", "b")).containsExactly(
        "k a=[1,3] b=[4]", "k a=[3] b=[4]");
  }

  @Test
  void consecutive_loop_takes_no_gap() {
    Pattern<Ev> p = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a').times(2).consecutive();
    assertThat(run(p, "a", "x", "a", "a")).containsExactly("k a=[3,4]");
  }

  @Test
  void allowCombinations_loop_takes_every_combination() {
    Pattern<Ev> p = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a').times(2)
        .allowCombinations();
    assertThat(run(p, "a", "a", "a")).containsExactly(
        "k a=[1,2]", "k a=[1,3]", "k a=[2,3]");
  }

  @Test
  void times_range_and_optional_stage() {
    Pattern<Ev> p = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a')
        .next("b").where(e -> e.kind() == 'b').times(1, 2).optional()
        .next("c").where(e -> e.kind() == 'c');
    assertThat(run(p, "a", "c", "a", "b", "b", "c")).containsExactly(
        "k a=[1] c=[2]", "k a=[3] b=[4,5] c=[6]");
  }

  @Test
  void timesOrMore_needs_the_minimum() {
    Pattern<Ev> p = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a').timesOrMore(2)
        .consecutive();
    assertThat(run(p, "a", "a", "a")).containsExactly(
        "k a=[1,2]", "k a=[1,2,3]", "k a=[2,3]");
  }

  @Test
  void until_ends_the_loop() {
    Pattern<Ev> p = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a').oneOrMore()
        .until(e -> e.kind() == 'x')
        .followedBy("b").where(e -> e.kind() == 'b');
    // The x after a1 ends a1's loop: a1 a3 is not a loop; a1 alone may still go on to b.
    assertThat(run(p, "a", "x", "a", "b")).containsExactly(
        "k a=[1] b=[4]", "k a=[3] b=[4]");
  }

  @Test
  void greedy_loop_does_not_hand_over_an_event_it_accepts() {
    Pattern<Ev> greedy = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a').oneOrMore().greedy()
        .consecutive()
        .next("b").where(e -> e.value() == 1);
    Pattern<Ev> notGreedy = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a').oneOrMore()
        .consecutive()
        .next("b").where(e -> e.value() == 1);
    // a2 is accepted by both stages: a greedy loop keeps it.
    assertThat(run(notGreedy, "a", "a1")).containsExactly("k a=[1] b=[2]");
    assertThat(run(greedy, "a", "a1")).isEmpty();
  }

  @Test
  void iterative_condition_sees_the_events_matched_so_far() {
    Pattern<Ev> rising = Pattern.<Ev>begin("up").where((e, ctx) -> {
      for (Ev before : ctx.getEventsForPattern("up")) {
        if (e.value() <= before.value()) {
          return false;
        }
      }
      return true;
    }).times(3).consecutive();
    assertThat(run(rising, "x1", "x2", "x3", "x2", "x4", "x5"))
        .containsExactly("k up=[1,2,3]", "k up=[4,5,6]");
  }

  @Test
  void skip_strategies_on_one_sequence() {
    String[] events = {"a", "a", "b", "b"};
    java.util.function.Function<AfterMatchSkipStrategy, Pattern<Ev>> pattern = skip ->
        Pattern.<Ev>begin("a", skip).where(e -> e.kind() == 'a').oneOrMore()
            .followedByAny("b").where(e -> e.kind() == 'b');
    assertThat(run(pattern.apply(AfterMatchSkipStrategy.noSkip()), events)).containsExactly(
        "k a=[1,2] b=[3]", "k a=[1] b=[3]", "k a=[2] b=[3]",
        "k a=[1,2] b=[4]", "k a=[1] b=[4]", "k a=[2] b=[4]");
    assertThat(run(pattern.apply(AfterMatchSkipStrategy.skipToNext()), events)).containsExactly(
        "k a=[1,2] b=[3]", "k a=[2] b=[3]");
    assertThat(run(pattern.apply(AfterMatchSkipStrategy.skipPastLastEvent()), events))
        .containsExactly("k a=[1,2] b=[3]");
    assertThat(run(pattern.apply(AfterMatchSkipStrategy.skipToFirst("b")), events))
        .containsExactly("k a=[1,2] b=[3]");
    assertThat(run(pattern.apply(AfterMatchSkipStrategy.skipToLast("a")), events))
        .containsExactly("k a=[1,2] b=[3]", "k a=[2] b=[3]", "k a=[2] b=[4]");
  }
}
