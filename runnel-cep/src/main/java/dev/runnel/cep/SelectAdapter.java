package dev.runnel.cep;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.Collector;
import java.util.List;
import java.util.Map;

/** {@link PatternStream#select}: a select function and an optional timeout function as one. */
final class SelectAdapter<T, R, X> extends PatternProcessFunction<T, R> {
  private static final long serialVersionUID = 1L;

  private final PatternSelectFunction<T, R> select;
  private final OutputTag<X> timedOutTag;
  private final PatternTimeoutFunction<T, X> timeout;

  SelectAdapter(PatternSelectFunction<T, R> select, OutputTag<X> timedOutTag,
      PatternTimeoutFunction<T, X> timeout) {
    this.select = select;
    this.timedOutTag = timedOutTag;
    this.timeout = timeout;
  }

  @Override
  public void processMatch(Map<String, List<T>> match, Context ctx, Collector<R> out)
      throws Exception {
    out.collect(select.select(match));
  }

  @Override
  public void processTimedOutMatch(Map<String, List<T>> partial, Context ctx) throws Exception {
    if (timeout != null) {
      ctx.output(timedOutTag, timeout.timeout(partial, ctx.timestamp()));
    }
  }
}
