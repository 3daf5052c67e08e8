package dev.runnel.runtime.operators.window;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.Window;

/** The window function of {@code reduce(f)} and {@code aggregate(f)}: emits the folded value. */
final class PassThroughWindowFunction
    extends ProcessWindowFunction<Object, Object, Object, Window> {
  private static final long serialVersionUID = 1L;

  @Override
  public void process(Object key, Context<Window> ctx, Iterable<Object> elements,
      Collector<Object> out) {
    for (Object e : elements) {
      out.collect(e);
    }
  }
}
