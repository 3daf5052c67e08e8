package dev.runnel.runtime.operators;

import dev.runnel.api.functions.CoProcessFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.ProcessJoinFunction;
import dev.runnel.api.internal.TwoInputOperatorSpec;
import java.io.Serializable;

/** Maps each kind of {@link TwoInputOperatorSpec} to the operator that runs it. */
public final class TwoInputOperatorFactory {
  private TwoInputOperatorFactory() {}

  /**
   * Creates the operator for {@code spec}, around a subtask's own copies of its function and (for
   * keyed specs) key selectors.
   *
   * @param keySelector1 the copied key selector of input 1 of a keyed spec, else ignored
   * @param keySelector2 the copied key selector of input 2 of a keyed spec, else ignored
   */
  @SuppressWarnings("unchecked")
  public static TwoInputStreamOperator<?> create(TwoInputOperatorSpec spec, Serializable function,
      KeySelector<?, ?> keySelector1, KeySelector<?, ?> keySelector2) {
    if (spec instanceof TwoInputOperatorSpec.CoProcess) {
      return new CoProcessOperator((CoProcessFunction<Object, Object, Object>) function);
    } else if (spec instanceof TwoInputOperatorSpec.KeyedCoProcess) {
      return new KeyedCoProcessOperator(
          (KeyedCoProcessFunction<Object, Object, Object, Object>) function,
          (KeySelector<Object, Object>) keySelector1, (KeySelector<Object, Object>) keySelector2);
    } else if (spec instanceof TwoInputOperatorSpec.IntervalJoin join) {
      return new IntervalJoinOperator((ProcessJoinFunction<Object, Object, Object>) function,
          (KeySelector<Object, Object>) keySelector1, (KeySelector<Object, Object>) keySelector2,
          join.lowerMillis(), join.upperMillis());
    }
    throw new IllegalStateException("no operator for " + spec);
  }
}
