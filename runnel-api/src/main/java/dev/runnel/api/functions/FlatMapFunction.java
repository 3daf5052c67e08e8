package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/**
 * Turns each element into zero or more elements, emitted through the collector.
 *
 * <pre>{@code lines.flatMap((String line, Collector<String> out) -> {
 *   for (String w : line.split(" ")) out.collect(w);
 * })}</pre>
 *
 * @param <I> input type
 * @param <O> output type
 */
@Public
@FunctionalInterface
public interface FlatMapFunction<I, O> extends Function {
  void flatMap(I value, Collector<O> out) throws Exception;
}
