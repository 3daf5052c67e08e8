package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/**
 * One accumulator per key, fed by {@link #add} and read as a result, through an {@link
 * dev.runnel.api.functions.AggregateFunction}. Only the accumulator is kept.
 *
 * <pre>{@code
 * AggregatingState<Double, Double> average = ctx.getAggregatingState(
 *     new AggregatingStateDescriptor<>("avg", new Average(), double[].class));
 * average.add(reading.value());
 * Double avg = average.get();
 * }</pre>
 *
 * @param <IN> input type
 * @param <OUT> result type
 */
@Public
public interface AggregatingState<IN, OUT> extends State {
  /** The result for the current key's accumulator, or {@code null} if nothing was added. */
  OUT get() throws Exception;

  /** Adds {@code value} to the current key's accumulator, creating it on the first call. */
  void add(IN value) throws Exception;
}
