package dev.runnel.cep;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.RichFunction;
import java.util.List;
import java.util.Map;

/**
 * Called with each match of a pattern, and with each partial match that timed out (when the
 * pattern has a window). A match maps each stage name to the events it took, oldest first, in
 * stage order; stages that took no event (optional ones) are absent.
 *
 * <pre>{@code
 * class Alert extends PatternProcessFunction<Charge, String> {
 *   static final OutputTag<String> TIMED_OUT = new OutputTag<>("timed-out");
 *   public void processMatch(Map<String, List<Charge>> match, Context ctx, Collector<String> out) {
 *     out.collect("fraud on " + match.get("large").get(0).card());
 *   }
 *   public void processTimedOutMatch(Map<String, List<Charge>> partial, Context ctx) {
 *     ctx.output(TIMED_OUT, "incomplete: " + partial);
 *   }
 * }
 * }</pre>
 *
 * <p>Runs on the subtask's thread, in the scope of the match's key. The maps and lists are the
 * function's to keep; the events in them must not be changed.
 *
 * @param <T> event type
 * @param <R> output type
 */
@Public
public abstract class PatternProcessFunction<T, R> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processMatch(Map<String, List<T>> match, Context ctx, Collector<R> out)
      throws Exception;

  /**
   * A partial match whose window ended before it completed; emit to a side output with {@link
   * Context#output}. The default ignores it.
   */
  public void processTimedOutMatch(Map<String, List<T>> partial, Context ctx) throws Exception {}

  /** What the function sees of the call. Valid only during it. */
  public interface Context {
    /**
     * The timestamp the output carries: the last event's (event time) or none, {@code null}
     * (processing time); for a timed-out partial match, the end of its window.
     */
    Long timestamp();

    long currentProcessingTime();

    /** Emits {@code value} to the side output {@code tag}. */
    <X> void output(OutputTag<X> tag, X value);
  }
}
