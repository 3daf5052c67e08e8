package dev.runnel.cep;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.Function;
import java.util.List;
import java.util.Map;

/**
 * Turns each match into one output value; see {@link PatternProcessFunction} for what a match is.
 *
 * @param <T> event type
 * @param <R> output type
 */
@Public
@FunctionalInterface
public interface PatternSelectFunction<T, R> extends Function {
  R select(Map<String, List<T>> match) throws Exception;
}
