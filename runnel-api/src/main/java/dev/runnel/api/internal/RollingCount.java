package dev.runnel.api.internal;

import dev.runnel.api.KeyedValue;
import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;

/** The keyed function behind {@code KeyedStream.count}. */
@Internal
public final class RollingCount<K, T> extends KeyedProcessFunction<K, T, KeyedValue<K, Long>> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<Long> count;

  @Override
  public void open(RuntimeContext context) {
    count = context.getState(new ValueStateDescriptor<>("count", Long.class));
  }

  @Override
  public void processElement(T value, Context<K> ctx, Collector<KeyedValue<K, Long>> out)
      throws Exception {
    Long current = count.value();
    long next = current == null ? 1 : current + 1;
    count.update(next);
    out.collect(new KeyedValue<>(ctx.getCurrentKey(), next));
  }
}
