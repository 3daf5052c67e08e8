package dev.runnel.api.functions;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;

/**
 * A function on two connected streams keyed by the same kind of key ({@code
 * first.connect(second).keyBy(k1, k2)}, or two {@code KeyedStream}s connected). Both inputs share
 * one keyed state and one set of timers: an element of either input runs in the scope of its key,
 * so state written while processing the first input is read back while processing the second.
 * Event time is the minimum of both inputs' watermarks.
 *
 * <p>A classic use is a control stream that switches keys on and off:
 *
 * <pre>{@code
 * class Gate extends KeyedCoProcessFunction<String, Rule, Event, Event> {
 *   private transient ValueState<Boolean> enabled;
 *   public void open(RuntimeContext ctx) {
 *     enabled = ctx.getState(new ValueStateDescriptor<>("enabled", Boolean.class));
 *   }
 *   public void processElement1(Rule r, Context<String> ctx, Collector<Event> out) throws Exception {
 *     enabled.update(r.enabled());
 *   }
 *   public void processElement2(Event e, Context<String> ctx, Collector<Event> out) throws Exception {
 *     if (Boolean.TRUE.equals(enabled.value())) out.collect(e);
 *   }
 * }
 * rules.connect(events).keyBy(Rule::key, Event::key).process(new Gate());
 * }</pre>
 *
 * @param <K> key type
 * @param <I1> type of the first input
 * @param <I2> type of the second input
 * @param <O> main output type
 */
@Public
public abstract class KeyedCoProcessFunction<K, I1, I2, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  /** Called for each element of the first input, in the scope of its key. */
  public abstract void processElement1(I1 value, Context<K> ctx, Collector<O> out)
      throws Exception;

  /** Called for each element of the second input, in the scope of its key. */
  public abstract void processElement2(I2 value, Context<K> ctx, Collector<O> out)
      throws Exception;

  /**
   * Called when a timer registered through {@link Context#timerService()} (from either input)
   * fires, in the scope of the key that registered it. What it emits carries the timer's time as
   * timestamp for an event-time timer.
   */
  public void onTimer(long timestamp, OnTimerContext<K> ctx, Collector<O> out) throws Exception {}

  /** The context of one {@code processElement} call. Valid only during that call. */
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
