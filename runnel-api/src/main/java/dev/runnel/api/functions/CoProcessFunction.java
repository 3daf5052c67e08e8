package dev.runnel.api.functions;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;

/**
 * A function on two connected streams ({@code DataStream.connect}): it sees the elements of both,
 * each through its own method, and may emit any number of elements to the main output and to side
 * outputs. The two methods are never called concurrently, so fields set in one are visible in the
 * other; the order between the inputs is not defined.
 *
 * <pre>{@code
 * DataStream<String> tagged = orders.connect(refunds)
 *     .process(new CoProcessFunction<Order, Refund, String>() {
 *       public void processElement1(Order o, Context ctx, Collector<String> out) {
 *         out.collect("order " + o.id());
 *       }
 *       public void processElement2(Refund r, Context ctx, Collector<String> out) {
 *         out.collect("refund " + r.orderId());
 *       }
 *     });
 * }</pre>
 *
 * <p>This function has no keyed state and no timers; for those, key both inputs ({@code
 * connected.keyBy(...)}) and use a {@link KeyedCoProcessFunction}.
 *
 * @param <I1> type of the first input
 * @param <I2> type of the second input
 * @param <O> main output type
 */
@Public
public abstract class CoProcessFunction<I1, I2, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  /** Called for each element of the first input. */
  public abstract void processElement1(I1 value, Context ctx, Collector<O> out) throws Exception;

  /** Called for each element of the second input. */
  public abstract void processElement2(I2 value, Context ctx, Collector<O> out) throws Exception;

  /** The context of one {@code processElement} call. Valid only during that call. */
  public interface Context {
    /** The element's event timestamp in epoch milliseconds, or {@code null} if it has none. */
    Long timestamp();

    /** Emits a value to the side output identified by {@code tag}. */
    <X> void output(OutputTag<X> tag, X value);
  }
}
