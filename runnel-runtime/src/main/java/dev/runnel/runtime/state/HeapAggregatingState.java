package dev.runnel.runtime.state;

import dev.runnel.api.functions.AggregateFunction;
import java.util.Collection;

/** An aggregating state on the heap: the table holds the accumulator of each (key, namespace). */
final class HeapAggregatingState<N, IN, ACC, OUT> extends AbstractHeapState<N, ACC>
    implements InternalAggregatingState<N, IN, OUT> {
  private final AggregateFunction<IN, ACC, OUT> function;

  HeapAggregatingState(KeyContext keys, AggregateFunction<IN, ACC, OUT> function) {
    super(keys);
    this.function = function;
  }

  @Override
  public OUT get() {
    ACC acc = table.get(namespace);
    return acc == null ? null : function.getResult(acc);
  }

  @Override
  public void add(IN value) {
    ACC acc = table.get(namespace);
    updateInternal(function.add(value, acc == null ? function.createAccumulator() : acc));
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    ACC merged = table.get(target);
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      ACC acc = table.remove(source);
      if (acc != null) {
        merged = merged == null ? acc : function.merge(merged, acc);
      }
    }
    if (merged != null) {
      table.put(target, merged);
    }
  }
}
