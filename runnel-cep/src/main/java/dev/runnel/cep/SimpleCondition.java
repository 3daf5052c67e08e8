package dev.runnel.cep;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.Function;

/**
 * Whether an event may be taken by a pattern stage, judged on the event alone. Called possibly
 * many times per event, so it must be cheap and free of side effects.
 *
 * @param <T> event type
 */
@Public
@FunctionalInterface
public interface SimpleCondition<T> extends Function {
  boolean filter(T value) throws Exception;
}
