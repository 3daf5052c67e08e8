package dev.runnel.cep;

import dev.runnel.api.DataStream;
import dev.runnel.api.KeyedStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.test.OneInputOperatorHarness;
import java.util.function.UnaryOperator;

/** Builds a CEP step with the public API and a harness around its operator. */
final class CepSteps {
  private CepSteps() {}

  static OneInputOperatorHarness<Ev, String> harness(Pattern<Ev> pattern) {
    return harness(pattern, s -> s);
  }

  /** {@code configure} sets the time mode or late-data output of the pattern stream. */
  static OneInputOperatorHarness<Ev, String> harness(
      Pattern<Ev> pattern, UnaryOperator<PatternStream<String, Ev>> configure) {
    StreamEnvironment env = StreamEnvironment.create();
    KeyedStream<String, Ev> keyed = env.fromElements(new Ev("k", 0, 'a', 0)).keyBy(Ev::key);
    DataStream<String> matches =
        configure.apply(CEP.pattern(keyed, pattern)).process(new Describe());
    return OneInputOperatorHarness.forStep(matches);
  }
}
