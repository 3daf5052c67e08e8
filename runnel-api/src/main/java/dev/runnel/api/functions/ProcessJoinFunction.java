package dev.runnel.api.functions;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;

/**
 * Called by an interval join ({@code KeyedStream.intervalJoin}) once for every pair of a left and
 * a right element with the same key whose timestamps are within the join's bounds. It may emit any
 * number of elements; they carry the larger of the two timestamps.
 *
 * <pre>{@code
 * orders.keyBy(Order::id)
 *     .intervalJoin(payments.keyBy(Payment::orderId))
 *     .between(Duration.ZERO, Duration.ofMinutes(10))
 *     .process(new ProcessJoinFunction<Order, Payment, Paid>() {
 *       public void processElement(Order o, Payment p, Context ctx, Collector<Paid> out) {
 *         out.collect(new Paid(o.id(), ctx.rightTimestamp() - ctx.leftTimestamp()));
 *       }
 *     });
 * }</pre>
 *
 * @param <L> type of the left input
 * @param <R> type of the right input
 * @param <O> output type
 */
@Public
public abstract class ProcessJoinFunction<L, R, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processElement(L left, R right, Context ctx, Collector<O> out)
      throws Exception;

  /** The context of one {@link #processElement} call. Valid only during that call. */
  public interface Context {
    /** The left element's event timestamp, in epoch milliseconds. */
    long leftTimestamp();

    /** The right element's event timestamp, in epoch milliseconds. */
    long rightTimestamp();

    /** The timestamp of what this call emits: the larger of the two. */
    long timestamp();

    /** Emits a value to the side output identified by {@code tag}. */
    <X> void output(OutputTag<X> tag, X value);
  }
}
