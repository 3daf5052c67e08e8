package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/**
 * Where a function emits its output. Not thread-safe: call it only from the function invocation
 * that received it.
 *
 * @param <T> element type
 */
@Public
@FunctionalInterface
public interface Collector<T> {
  void collect(T value);
}
