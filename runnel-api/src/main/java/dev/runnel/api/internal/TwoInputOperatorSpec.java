package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.CoProcessFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.ProcessJoinFunction;
import java.io.Serializable;

/**
 * What a two-input node computes, described in API terms; the runtime maps each kind to its
 * operator. Separate from {@link OperatorSpec} because the two never share an operator.
 */
@Internal
public sealed interface TwoInputOperatorSpec {
  /** The user function, which the runtime copies per subtask. */
  Serializable function();

  /** The key selector of the first input of a keyed spec, else null. */
  default KeySelector<?, ?> keySelector1() {
    return null;
  }

  /** The key selector of the second input of a keyed spec, else null. */
  default KeySelector<?, ?> keySelector2() {
    return null;
  }

  /** Whether both inputs run in the scope of a key, sharing keyed state and timers. */
  default boolean isKeyed() {
    return keySelector1() != null;
  }

  record CoProcess(CoProcessFunction<?, ?, ?> function) implements TwoInputOperatorSpec {}

  record KeyedCoProcess(KeyedCoProcessFunction<?, ?, ?, ?> function, KeySelector<?, ?> keySelector1,
      KeySelector<?, ?> keySelector2) implements TwoInputOperatorSpec {}

  /**
   * Joins left (input 1) and right (input 2) elements of equal key with {@code right.ts} in
   * {@code [left.ts + lowerMillis, left.ts + upperMillis]}; both bounds inclusive (exclusive
   * bounds are narrowed by one millisecond when the spec is made).
   */
  record IntervalJoin(ProcessJoinFunction<?, ?, ?> function, KeySelector<?, ?> keySelector1,
      KeySelector<?, ?> keySelector2, long lowerMillis, long upperMillis)
      implements TwoInputOperatorSpec {
    public IntervalJoin {
      if (lowerMillis > upperMillis) {
        throw new IllegalArgumentException("interval join lower bound " + lowerMillis
            + " ms is after its upper bound " + upperMillis + " ms: no element could ever match");
      }
    }
  }
}
