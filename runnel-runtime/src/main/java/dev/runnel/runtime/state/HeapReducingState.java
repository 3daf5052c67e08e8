package dev.runnel.runtime.state;

import dev.runnel.api.functions.ReduceFunction;
import java.util.Collection;
import java.util.Objects;

/** A reducing state on the heap: the table holds the folded value of each (key, namespace). */
final class HeapReducingState<N, T> extends AbstractHeapState<N, T>
    implements InternalReducingState<N, T> {
  private final ReduceFunction<T> reduceFunction;

  HeapReducingState(KeyContext keys, ReduceFunction<T> reduceFunction) {
    super(keys);
    this.reduceFunction = reduceFunction;
  }

  @Override
  public T get() {
    return table.get(namespace);
  }

  @Override
  public void add(T value) throws Exception {
    Objects.requireNonNull(value, "reducing state does not accept null values");
    T current = table.get(namespace);
    updateInternal(current == null ? value : reduceFunction.reduce(current, value));
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) throws Exception {
    T merged = table.get(target);
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      T value = table.remove(source);
      if (value != null) {
        merged = merged == null ? value : reduceFunction.reduce(merged, value);
      }
    }
    if (merged != null) {
      table.put(target, merged);
    }
  }
}
