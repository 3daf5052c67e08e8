package dev.runnel.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.cep.nfa.CompiledPattern;
import dev.runnel.cep.nfa.InMemoryStates;
import dev.runnel.cep.nfa.Nfa;
import dev.runnel.cep.nfa.PatternCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The NFA against the brute-force matcher: random patterns (every operator, quantifier and loop
 * option, iterative conditions, windows) over random event sequences, for each skip strategy. The
 * NFA runs here on plain in-memory states, with no runtime; the same comparison through the
 * operator, on both backends and with restores, is in {@link CepOperatorRandomTest}.
 */
class CepBruteForceTest {
  private static final int CASES = 400;

  @ParameterizedTest
  @EnumSource(AfterMatchSkipStrategy.Kind.class)
  void nfa_emits_exactly_the_matches_of_the_brute_force_matcher(AfterMatchSkipStrategy.Kind skip)
      throws Exception {
    Random random = new Random(1234 + skip.ordinal());
    int nonEmpty = 0;
    for (int c = 0; c < CASES; c++) {
      Pattern<Ev> pattern = RandomPatterns.draw(random, skip);
      List<Ev> events = RandomPatterns.events(random, "k", 5 + random.nextInt(5), 0);
      long[] timestamps = new long[events.size()];
      for (int i = 0; i < timestamps.length; i++) {
        timestamps[i] = i * 10L;
      }
      List<String> expected = new BruteForceMatcher(pattern).matches(events, timestamps);
      CompiledPattern compiled = PatternCompiler.compile(pattern);
      Nfa nfa = InMemoryStates.nfa(compiled);
      List<String> actual = new ArrayList<>();
      Nfa.Listener listener = new Nfa.Listener() {
        @Override
        @SuppressWarnings("unchecked")
        public void onMatch(Map<String, List<Object>> match, long timestamp) {
          actual.add(Describe.describe((Map<String, List<Ev>>) (Map<?, ?>) match));
        }

        @Override
        public void onTimeout(Map<String, List<Object>> partial, long timestamp) {}
      };
      for (int i = 0; i < events.size(); i++) {
        nfa.process(events.get(i), timestamps[i], listener);
      }
      assertThat(actual).as("case %d: %s over %s", c, pattern, events).isEqualTo(expected);
      if (compiled.hasWindow()) {
        // Bounded state: once every window has ended, the key keeps nothing.
        nfa.advanceTime(Long.MAX_VALUE / 2, listener);
        assertThat(nfa.isEmpty()).as("case %d: state left after the windows: %s", c, pattern)
            .isTrue();
      }
      nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    // The draws must exercise matching, not only agree on "no match".
    assertThat(nonEmpty).isGreaterThan(CASES / 3);
  }
}
