package dev.runnel.api.internal;

import dev.runnel.api.KeyedValue;
import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.util.Objects;

/**
 * The keyed function behind {@code KeyedStream.sum}: a running sum per key, of type {@code N},
 * kept in keyed state.
 */
@Internal
public final class RollingSum<K, T, N extends Number>
    extends KeyedProcessFunction<K, T, KeyedValue<K, N>> {
  private static final long serialVersionUID = 1L;

  private final Class<N> type;
  private final SumArithmetic arithmetic;
  private final MapFunction<? super T, ? extends Number> field;
  private transient ValueState<N> sum;

  /** @throws IllegalArgumentException naming {@code type} if sums of it are not supported */
  public RollingSum(Class<N> type, MapFunction<? super T, ? extends Number> field) {
    this.type = Objects.requireNonNull(type, "type");
    this.arithmetic = SumArithmetic.of(type);
    this.field = Objects.requireNonNull(field, "field");
  }

  @Override
  public void open(RuntimeContext context) {
    sum = context.getState(new ValueStateDescriptor<>("sum", type));
  }

  @Override
  public void processElement(T value, Context<K> ctx, Collector<KeyedValue<K, N>> out)
      throws Exception {
    Number addend = field.map(value);
    if (addend == null) {
      throw new NullPointerException("the summed field of " + value + " is null");
    }
    N next = type.cast(arithmetic.add(sum.value(), addend));
    sum.update(next);
    out.collect(new KeyedValue<>(ctx.getCurrentKey(), next));
  }
}
