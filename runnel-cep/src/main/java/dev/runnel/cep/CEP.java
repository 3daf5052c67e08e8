package dev.runnel.cep;

import dev.runnel.api.KeyedStream;
import dev.runnel.api.annotation.Public;
import java.util.Objects;

/**
 * Entry point of complex event processing: matches a {@link Pattern} against each key's events.
 *
 * <pre>{@code
 * DataStream<Alert> alerts = CEP.pattern(charges.keyBy(Charge::card), pattern)
 *     .process(new RaiseAlert());
 * }</pre>
 */
@Public
public final class CEP {
  private CEP() {}

  /**
   * The matches of {@code pattern} in {@code input}, per key. The pattern is checked now: a
   * malformed one throws {@link MalformedPatternException} here, not when the job runs.
   */
  public static <K, T> PatternStream<K, T> pattern(KeyedStream<K, T> input, Pattern<T> pattern) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(pattern, "pattern");
    return new PatternStream<>(input, pattern);
  }
}
