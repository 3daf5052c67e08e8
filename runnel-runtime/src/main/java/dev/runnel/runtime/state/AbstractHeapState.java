package dev.runnel.runtime.state;

import java.util.Objects;

/**
 * What every heap state shares: its {@link StateTable} and the current namespace. The stored value
 * ({@code S}) is what the table holds for one (key, namespace): the value itself, a list, a map, or
 * an accumulator; with time-to-live, the same wrapped with timestamps.
 *
 * @param <N> namespace type
 * @param <S> stored value type
 */
abstract class AbstractHeapState<N, S> implements InternalKvState<N> {
  final StateTable<N, S> table;
  N namespace;

  @SuppressWarnings("unchecked")
  AbstractHeapState(KeyContext keys) {
    this.table = new StateTable<>(keys);
    this.namespace = (N) VoidNamespace.INSTANCE;
  }

  @Override
  public final void setCurrentNamespace(N namespace) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
  }

  @Override
  public final N currentNamespace() {
    return namespace;
  }

  @Override
  public void clear() {
    table.remove(namespace);
  }

  /** The stored value of the current key and namespace, or null. */
  final S getInternal() {
    return table.get(namespace);
  }

  /** Replaces the stored value of the current key and namespace; null removes it. */
  final void updateInternal(S value) {
    if (value == null) {
      table.remove(namespace);
    } else {
      table.put(namespace, value);
    }
  }

  final StateTable<N, S> table() {
    return table;
  }
}
