package dev.runnel.api.functions;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;

/**
 * The most general one-input function: it sees every element with its context and may emit any
 * number of elements to the main output and to side outputs.
 *
 * <pre>{@code
 * OutputTag<Order> invalid = new OutputTag<>("invalid");
 * DataStream<Order> valid = orders.process(new ProcessFunction<Order, Order>() {
 *   public void processElement(Order o, Context ctx, Collector<Order> out) {
 *     if (o.amount() >= 0) out.collect(o); else ctx.output(invalid, o);
 *   }
 * });
 * DataStream<Order> rejected = valid.getSideOutput(invalid);
 * }</pre>
 *
 * @param <I> input type
 * @param <O> main output type
 */
@Public
public abstract class ProcessFunction<I, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** The context of one {@link #processElement} call. Valid only during that call. */
  public interface Context {
    /** The element's event timestamp in epoch milliseconds, or {@code null} if it has none. */
    Long timestamp();

    /** Emits a value to the side output identified by {@code tag}. */
    <X> void output(OutputTag<X> tag, X value);
  }
}
