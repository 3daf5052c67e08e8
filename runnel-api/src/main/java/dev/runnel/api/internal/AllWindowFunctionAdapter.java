package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessAllWindowFunction;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.window.Window;

/** Runs a {@link ProcessAllWindowFunction} as the window function of a {@code windowAll} step. */
@Internal
public final class AllWindowFunctionAdapter<IN, OUT, K, W extends Window>
    extends ProcessWindowFunction<IN, OUT, K, W> {
  private static final long serialVersionUID = 1L;

  private final ProcessAllWindowFunction<IN, OUT, W> function;

  public AllWindowFunctionAdapter(ProcessAllWindowFunction<IN, OUT, W> function) {
    this.function = function;
  }

  @Override
  public void open(RuntimeContext context) throws Exception {
    function.open(context);
  }

  @Override
  public void close() throws Exception {
    function.close();
  }

  @Override
  public void process(K key, Context<W> ctx, Iterable<IN> elements, Collector<OUT> out)
      throws Exception {
    function.process(ctx, elements, out);
  }

  @Override
  public void clear(Context<W> ctx) throws Exception {
    function.clear(ctx);
  }
}
