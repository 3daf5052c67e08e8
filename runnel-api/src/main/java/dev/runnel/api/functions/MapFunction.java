package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/**
 * Turns each element into exactly one element.
 *
 * <pre>{@code stream.map(order -> order.amount())}</pre>
 *
 * @param <I> input type
 * @param <O> output type
 */
@Public
@FunctionalInterface
public interface MapFunction<I, O> extends Function {
  O map(I value) throws Exception;
}
