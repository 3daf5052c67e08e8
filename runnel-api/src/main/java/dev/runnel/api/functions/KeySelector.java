package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/**
 * Extracts the key of an element for {@code keyBy}. It must be deterministic: the same element
 * must always give an equal key with an equal {@code hashCode()}, in every JVM (so enums and
 * objects with identity hash codes are poor keys; strings, numbers and records of them are good).
 *
 * @param <T> element type
 * @param <K> key type
 */
@Public
@FunctionalInterface
public interface KeySelector<T, K> extends Function {
  K getKey(T value) throws Exception;
}
