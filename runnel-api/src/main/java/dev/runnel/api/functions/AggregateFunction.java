package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/**
 * Folds values into an accumulator and turns the accumulator into a result. Unlike a {@link
 * ReduceFunction}, the accumulator may have a different type from the input and the result (an
 * average keeps a sum and a count and returns their quotient). Used by {@code AggregatingState} and
 * by window aggregation.
 *
 * <pre>{@code
 * class Average implements AggregateFunction<Double, double[], Double> {
 *   public double[] createAccumulator() { return new double[2]; }
 *   public double[] add(Double v, double[] acc) { acc[0] += v; acc[1]++; return acc; }
 *   public Double getResult(double[] acc) { return acc[1] == 0 ? null : acc[0] / acc[1]; }
 *   public double[] merge(double[] a, double[] b) { a[0] += b[0]; a[1] += b[1]; return a; }
 * }
 * }</pre>
 *
 * <p>{@link #add} and {@link #merge} may modify and return their accumulator argument rather than
 * create a new one; the runtime never uses an accumulator again after passing it to them, except
 * through the returned value.
 *
 * @param <IN> input type
 * @param <ACC> accumulator type
 * @param <OUT> result type
 */
@Public
public interface AggregateFunction<IN, ACC, OUT> extends Function {
  /** A new, empty accumulator. */
  ACC createAccumulator();

  /** Adds {@code value} to {@code accumulator}; returns the updated accumulator. */
  ACC add(IN value, ACC accumulator);

  /** The result for {@code accumulator}; does not change it. */
  OUT getResult(ACC accumulator);

  /**
   * Combines two accumulators into one, as when two session windows merge; returns the combined
   * accumulator (which may be {@code a} or {@code b}, changed).
   *
   * <p>Sliding windows share slice accumulators between windows: there the runtime calls {@code
   * merge(fresh, slice)} with a fresh accumulator of its own as {@code a}, and {@code b} is still
   * in use afterwards, so fold {@code b} into {@code a} and return {@code a}, leaving {@code b}
   * unchanged (as the example above does).
   */
  ACC merge(ACC a, ACC b);
}
