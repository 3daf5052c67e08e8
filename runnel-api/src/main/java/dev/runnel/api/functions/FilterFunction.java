package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/**
 * Keeps the elements for which {@link #filter} returns true.
 *
 * @param <T> element type
 */
@Public
@FunctionalInterface
public interface FilterFunction<T> extends Function {
  boolean filter(T value) throws Exception;
}
