package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.ReduceFunction;
import java.util.Objects;

/**
 * Describes a {@link ReducingState}: its name, the function that folds values together, and the
 * value type.
 *
 * <pre>{@code new ReducingStateDescriptor<>("max", Math::max, Long.class)}</pre>
 *
 * @param <T> value type
 */
@Public
public final class ReducingStateDescriptor<T> extends StateDescriptor<ReducingState<T>, T> {
  private static final long serialVersionUID = 1L;

  private final ReduceFunction<T> reduceFunction;

  public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, Class<T> type) {
    super(name, type);
    this.reduceFunction = Objects.requireNonNull(reduceFunction, "reduce function");
  }

  public ReduceFunction<T> reduceFunction() {
    return reduceFunction;
  }
}
