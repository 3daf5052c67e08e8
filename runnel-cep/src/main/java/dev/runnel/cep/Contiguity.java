package dev.runnel.cep;

import dev.runnel.api.annotation.Public;

/**
 * How a pattern stage's event may follow the event taken before it (by the previous stage, or by
 * the same stage in a loop). Events "between" are those of the same key that arrived in between.
 */
@Public
public enum Contiguity {
  /** {@code next}, {@code consecutive()}: no event in between. */
  STRICT,
  /**
   * {@code followedBy}, the default inside loops: events in between are skipped, but only those
   * that the stage's condition rejects; the first event it accepts is taken.
   */
  RELAXED,
  /**
   * {@code followedByAny}, {@code allowCombinations()}: any event in between may be skipped, also
   * one the condition accepts, so every combination is matched.
   */
  NON_DETERMINISTIC_RELAXED
}
