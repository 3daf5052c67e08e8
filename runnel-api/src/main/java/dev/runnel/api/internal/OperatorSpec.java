package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.FilterFunction;
import dev.runnel.api.functions.FlatMapFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.ProcessFunction;
import java.io.Serializable;

/**
 * What a one-input node computes, described in API terms. The runtime maps each kind to its
 * operator; keeping the description here lets the API stay free of runtime classes.
 */
@Internal
public sealed interface OperatorSpec {
  /** The user code (a function, or a watermark strategy), which the runtime copies per subtask. */
  Serializable function();

  /** Whether the operator runs in the scope of a key and may use keyed state. */
  default boolean isKeyed() {
    return false;
  }

  /** The key selector of a keyed spec, else null. */
  default KeySelector<?, ?> keySelector() {
    return null;
  }

  record Map(MapFunction<?, ?> function) implements OperatorSpec {}

  record Filter(FilterFunction<?> function) implements OperatorSpec {}

  record FlatMap(FlatMapFunction<?, ?> function) implements OperatorSpec {}

  record Process(ProcessFunction<?, ?> function) implements OperatorSpec {}

  /** Assigns timestamps and generates watermarks; the strategy is copied per subtask. */
  record AssignTimestamps(WatermarkStrategy<?> function) implements OperatorSpec {}

  record KeyedProcess(KeyedProcessFunction<?, ?, ?> function, KeySelector<?, ?> keySelector)
      implements OperatorSpec {
    @Override
    public boolean isKeyed() {
      return true;
    }
  }

  /** A window step: keyed by {@code keySelector}, configured by the definition. */
  record Windowed(WindowDefinition function, KeySelector<?, ?> keySelector)
      implements OperatorSpec {
    @Override
    public boolean isKeyed() {
      return true;
    }
  }

  /**
   * An operator that a module outside api and runtime brings (CEP, say): {@code function} is a
   * serializable factory the runtime knows how to call (its {@code OperatorProvider}), copied per
   * subtask like any function; {@code keySelector} is the key of a keyed step, or null.
   */
  record Custom(Serializable function, KeySelector<?, ?> keySelector) implements OperatorSpec {
    @Override
    public boolean isKeyed() {
      return keySelector != null;
    }
  }
}
