package dev.runnel.cep;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.Function;
import java.util.List;
import java.util.Map;

/**
 * Turns each timed-out partial match into one side-output value.
 *
 * @param <T> event type
 * @param <X> side-output type
 */
@Public
@FunctionalInterface
public interface PatternTimeoutFunction<T, X> extends Function {
  /**
   * @param partial the events the partial match took, by stage
   * @param timeoutTimestamp the end of its window: first event's timestamp plus the window
   */
  X timeout(Map<String, List<T>> partial, long timeoutTimestamp) throws Exception;
}
