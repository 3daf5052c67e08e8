package dev.runnel.api.functions;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;

/**
 * A process function on a {@code KeyedStream}: each call runs in the scope of the element's key, so
 * keyed state obtained from {@link RuntimeContext#getState} in {@link #open} reads and writes the
 * value of that key only.
 *
 * <pre>{@code
 * class RunningTotal extends KeyedProcessFunction<String, Order, Total> {
 *   private transient ValueState<Double> total;
 *   public void open(RuntimeContext ctx) {
 *     total = ctx.getState(new ValueStateDescriptor<>("total", Double.class));
 *   }
 *   public void processElement(Order o, Context ctx, Collector<Total> out) throws Exception {
 *     double t = (total.value() == null ? 0 : total.value()) + o.amount();
 *     total.update(t);
 *     out.collect(new Total(ctx.getCurrentKey(), t));
 *   }
 * }
 * }</pre>
 *
 * @param <K> key type
 * @param <I> input type
 * @param <O> main output type
 */
@Public
public abstract class KeyedProcessFunction<K, I, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processElement(I value, Context<K> ctx, Collector<O> out) throws Exception;

  /**
   * Called when a timer registered through {@link Context#timerService()} fires, in the scope of
   * the key that registered it. What it emits carries the timer's time as timestamp for an
   * event-time timer.
   */
  public void onTimer(long timestamp, OnTimerContext<K> ctx, Collector<O> out) throws Exception {}

  /** The context of one {@link #processElement} call. Valid only during that call. */
  public interface Context<K> {
    /** The element's event timestamp in epoch milliseconds, or {@code null} if it has none. */
    Long timestamp();

    /** The key of the element being processed. */
    K getCurrentKey();

    /** Emits a value to the side output identified by {@code tag}. */
    <X> void output(OutputTag<X> tag, X value);

    /** Timers and the current times, for the current key. */
    TimerService timerService();
  }

  /** The context of one {@link #onTimer} call; its timestamp is the timer's time. */
  public interface OnTimerContext<K> extends Context<K> {
    TimeDomain timeDomain();
  }
}
