package dev.runnel.cep;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.Function;

/**
 * Whether an event may be taken by a pattern stage, judged with the events the partial match has
 * taken so far: "the price is higher than every price of stage {@code a} so far".
 *
 * <pre>{@code
 * Pattern.<Trade>begin("up").where((t, ctx) -> {
 *   for (Trade before : ctx.getEventsForPattern("up")) {
 *     if (t.price() <= before.price()) return false;
 *   }
 *   return true;
 * }).oneOrMore();
 * }</pre>
 *
 * <p>Called on the subtask's thread, possibly many times per event (once per partial match that
 * could take it), so it must be cheap and free of side effects. An exception fails the job.
 *
 * @param <T> event type
 */
@Public
@FunctionalInterface
public interface IterativeCondition<T> extends Function {
  boolean filter(T value, Context<T> ctx) throws Exception;

  /** What a condition sees of the partial match it is asked for. Valid only during the call. */
  interface Context<T> {
    /** The events this partial match took for stage {@code name} so far, oldest first. */
    Iterable<T> getEventsForPattern(String name) throws Exception;

    /** The timestamp of the event being judged (event or processing time, as the stream runs). */
    long timestamp();
  }
}
