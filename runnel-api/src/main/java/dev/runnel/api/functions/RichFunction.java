package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;

/**
 * A function with a lifecycle. {@link #open} is called once per subtask before the first element,
 * on the thread that will call the function; {@link #close} once after the last element, also
 * when the job fails or is cancelled. Implement it next to any function interface:
 *
 * <pre>{@code
 * class Enrich implements MapFunction<Order, Row>, RichFunction {
 *   private transient Cache cache;
 *   public void open(RuntimeContext ctx) { cache = new Cache(); }
 *   public Row map(Order o) { return cache.enrich(o); }
 * }
 * }</pre>
 */
@Public
public interface RichFunction extends Function {
  default void open(RuntimeContext context) throws Exception {}

  default void close() throws Exception {}
}
