package dev.runnel.runtime.operators;

import dev.runnel.api.functions.FilterFunction;
import dev.runnel.api.functions.FlatMapFunction;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.ProcessFunction;
import dev.runnel.api.internal.OperatorSpec;
import dev.runnel.api.internal.WindowDefinition;
import dev.runnel.runtime.operators.window.WindowOperators;
import java.io.Serializable;

/** Maps each kind of {@link OperatorSpec} to the operator that runs it. */
public final class OperatorFactory {
  private OperatorFactory() {}

  /**
   * Creates the operator for {@code spec}, around a subtask's own copies of its function and (for
   * keyed operators) key selector.
   *
   * @param keySelector the copied key selector of a keyed spec, else ignored
   */
  @SuppressWarnings("unchecked")
  public static StreamOperator create(
      OperatorSpec spec, Serializable function, KeySelector<?, ?> keySelector) {
    if (spec instanceof OperatorSpec.Map) {
      return new MapOperator((MapFunction<Object, Object>) function);
    } else if (spec instanceof OperatorSpec.Filter) {
      return new FilterOperator((FilterFunction<Object>) function);
    } else if (spec instanceof OperatorSpec.FlatMap) {
      return new FlatMapOperator((FlatMapFunction<Object, Object>) function);
    } else if (spec instanceof OperatorSpec.Process) {
      return new ProcessOperator((ProcessFunction<Object, Object>) function);
    } else if (spec instanceof OperatorSpec.AssignTimestamps) {
      return new TimestampsAndWatermarksOperator((WatermarkStrategy<Object>) function);
    } else if (spec instanceof OperatorSpec.KeyedProcess) {
      return new KeyedProcessOperator((KeyedProcessFunction<Object, Object, Object>) function,
          (KeySelector<Object, Object>) keySelector);
    } else if (spec instanceof OperatorSpec.Windowed) {
      return WindowOperators.create((WindowDefinition) function,
          (KeySelector<Object, Object>) keySelector);
    } else if (spec instanceof OperatorSpec.Custom) {
      if (!(function instanceof OperatorProvider provider)) {
        throw new IllegalStateException("a custom step needs an OperatorProvider, got " + function);
      }
      return provider.create((KeySelector<Object, Object>) keySelector);
    }
    throw new IllegalStateException("no operator for " + spec);
  }
}
