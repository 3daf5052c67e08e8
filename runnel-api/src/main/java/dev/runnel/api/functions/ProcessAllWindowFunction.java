package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.window.Window;

/**
 * Evaluates a window of a non-keyed stream ({@code windowAll}) when it fires: a {@link
 * ProcessWindowFunction} without a key. Its context's window and global state belong to the one
 * implicit key of {@code windowAll}.
 *
 * <pre>{@code
 * class Total extends ProcessAllWindowFunction<Long, Long, TimeWindow> {
 *   public void process(ProcessWindowFunction.Context<TimeWindow> ctx, Iterable<Long> values,
 *       Collector<Long> out) {
 *     long sum = 0;
 *     for (long v : values) sum += v;
 *     out.collect(sum);
 *   }
 * }
 * }</pre>
 *
 * @param <IN> input type
 * @param <OUT> output type
 * @param <W> window type
 */
@Public
public abstract class ProcessAllWindowFunction<IN, OUT, W extends Window>
    implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void process(ProcessWindowFunction.Context<W> ctx, Iterable<IN> elements,
      Collector<OUT> out) throws Exception;

  /** The window is being removed; clean up what it kept. */
  public void clear(ProcessWindowFunction.Context<W> ctx) throws Exception {}
}
