package dev.runnel.api.internal;

import dev.runnel.api.KeyedValue;
import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;

/** The keyed function behind {@code KeyedStream.sum}. */
@Internal
public final class RollingSum<K, T> extends KeyedProcessFunction<K, T, KeyedValue<K, Double>> {
  private static final long serialVersionUID = 1L;

  private final MapFunction<? super T, ? extends Number> field;
  private transient ValueState<Double> sum;

  public RollingSum(MapFunction<? super T, ? extends Number> field) {
    this.field = field;
  }

  @Override
  public void open(RuntimeContext context) {
    sum = context.getState(new ValueStateDescriptor<>("sum", Double.class));
  }

  @Override
  public void processElement(T value, Context<K> ctx, Collector<KeyedValue<K, Double>> out)
      throws Exception {
    Double current = sum.value();
    double next = (current == null ? 0 : current) + field.map(value).doubleValue();
    sum.update(next);
    out.collect(new KeyedValue<>(ctx.getCurrentKey(), next));
  }
}
