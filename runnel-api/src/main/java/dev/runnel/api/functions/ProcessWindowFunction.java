package dev.runnel.api.functions;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.state.KeyedStateStore;
import dev.runnel.api.window.Window;

/**
 * Evaluates a window of a keyed stream when it fires: gets the key, the window's elements (or,
 * combined with {@code reduce} or {@code aggregate}, the one pre-aggregated value) and a context
 * with the window and per-window state. What it emits carries the window's {@link
 * Window#maxTimestamp()} as timestamp.
 *
 * <pre>{@code
 * class CountPerWindow extends ProcessWindowFunction<Click, String, String, TimeWindow> {
 *   public void process(String user, Context<TimeWindow> ctx, Iterable<Click> clicks,
 *       Collector<String> out) {
 *     long n = 0;
 *     for (Click c : clicks) n++;
 *     out.collect(user + " " + ctx.window().start() + ": " + n);
 *   }
 * }
 * }</pre>
 *
 * <p>State from {@link Context#windowState()} lives as long as the window (it is removed when the
 * window is cleaned up, after its allowed lateness); override {@link #clear} to clean up anything
 * else kept for the window.
 *
 * @param <IN> input type (the elements, or the pre-aggregated value)
 * @param <OUT> output type
 * @param <KEY> key type
 * @param <W> window type
 */
@Public
public abstract class ProcessWindowFunction<IN, OUT, KEY, W extends Window>
    implements RichFunction {
  private static final long serialVersionUID = 1L;

  /** Evaluates one firing of {@code ctx.window()} for {@code key}. */
  public abstract void process(KEY key, Context<W> ctx, Iterable<IN> elements, Collector<OUT> out)
      throws Exception;

  /** The window is being removed (after its allowed lateness); clean up what it kept. */
  public void clear(Context<W> ctx) throws Exception {}

  /** The context of one firing. Valid only during the call. */
  public interface Context<W extends Window> {
    W window();

    long currentProcessingTime();

    long currentWatermark();

    /** State of the current key and this window; removed with the window. */
    KeyedStateStore windowState();

    /** State of the current key, shared by all its windows. */
    KeyedStateStore globalState();

    /** Emits {@code value} to the side output {@code tag}. */
    <X> void output(OutputTag<X> tag, X value);
  }
}
