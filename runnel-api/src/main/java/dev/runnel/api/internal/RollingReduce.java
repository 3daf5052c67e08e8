package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;

/** The keyed function behind {@code KeyedStream.reduce}: one accumulated value per key. */
@Internal
public final class RollingReduce<K, T> extends KeyedProcessFunction<K, T, T> {
  private static final long serialVersionUID = 1L;

  private final ReduceFunction<T> reducer;
  private transient ValueState<Object> accumulated;

  public RollingReduce(ReduceFunction<T> reducer) {
    this.reducer = reducer;
  }

  @Override
  public void open(RuntimeContext context) {
    accumulated = context.getState(new ValueStateDescriptor<>("reduce", Object.class));
  }

  @Override
  public void processElement(T value, Context<K> ctx, Collector<T> out) throws Exception {
    @SuppressWarnings("unchecked")
    T current = (T) accumulated.value();
    T next = current == null ? value : reducer.reduce(current, value);
    accumulated.update(next);
    out.collect(next);
  }
}
