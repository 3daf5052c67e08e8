package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/**
 * Combines two values of the same type into one; used for rolling per-key aggregation.
 *
 * @param <T> value type
 */
@Public
@FunctionalInterface
public interface ReduceFunction<T> extends Function {
  T reduce(T accumulated, T value) throws Exception;
}
