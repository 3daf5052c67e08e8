package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.AggregateFunction;
import java.util.Objects;

/**
 * Describes an {@link AggregatingState}: its name, the aggregate function, and the accumulator
 * type (which is what the state stores, so {@link #type()} is the accumulator type).
 *
 * <pre>{@code new AggregatingStateDescriptor<>("avg", new Average(), double[].class)}</pre>
 *
 * @param <IN> input type
 * @param <ACC> accumulator type
 * @param <OUT> result type
 */
@Public
public final class AggregatingStateDescriptor<IN, ACC, OUT>
    extends StateDescriptor<AggregatingState<IN, OUT>, ACC> {
  private static final long serialVersionUID = 1L;

  private final AggregateFunction<IN, ACC, OUT> aggregateFunction;

  public AggregatingStateDescriptor(
      String name, AggregateFunction<IN, ACC, OUT> aggregateFunction, Class<ACC> accumulatorType) {
    super(name, accumulatorType);
    this.aggregateFunction = Objects.requireNonNull(aggregateFunction, "aggregate function");
  }

  public AggregateFunction<IN, ACC, OUT> aggregateFunction() {
    return aggregateFunction;
  }
}
