package dev.runnel.runtime.state;

import dev.runnel.api.functions.ReduceFunction;
import java.util.Collection;
import java.util.Objects;

/**
 * A reducing state with time-to-live. The folded value expires as a whole; adding to an expired
 * value starts afresh from the added one, and every add (or merge) is a write that restarts the
 * time-to-live.
 */
final class TtlReducingState<N, T> implements InternalReducingState<N, T>, TtlState {
  private final HeapReducingState<N, TtlValue<T>> inner;
  private final TtlPolicy policy;

  TtlReducingState(KeyContext keys, ReduceFunction<T> reduceFunction, TtlPolicy policy) {
    this.inner = new HeapReducingState<>(keys, new TtlReduceFunction<>(reduceFunction, policy));
    this.policy = policy;
  }

  @Override
  public T get() {
    return policy.read(inner);
  }

  @Override
  public void add(T value) throws Exception {
    Objects.requireNonNull(value, "reducing state does not accept null values");
    inner.add(policy.wrap(value, policy.now()));
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) throws Exception {
    inner.mergeNamespaces(target, sources);
  }

  @Override
  public void clear() {
    inner.clear();
  }

  @Override
  public void setCurrentNamespace(N namespace) {
    inner.setCurrentNamespace(namespace);
  }

  @Override
  public N currentNamespace() {
    return inner.currentNamespace();
  }

  @Override
  public long cleanupExpired(long now) {
    return policy.removeExpired(inner.table(), now);
  }

  /** Folds wrapped values: an expired side is dropped, and the result is stamped now. */
  @SuppressWarnings("serial") // lives in the runtime only, never serialized

  @Override
  public StateTable<?, ?> table() {
    return inner.table();
  }

  private static final class TtlReduceFunction<T> implements ReduceFunction<TtlValue<T>> {
    private final ReduceFunction<T> user;
    private final TtlPolicy policy;

    TtlReduceFunction(ReduceFunction<T> user, TtlPolicy policy) {
      this.user = user;
      this.policy = policy;
    }

    @Override
    public TtlValue<T> reduce(TtlValue<T> a, TtlValue<T> b) throws Exception {
      long now = policy.now();
      if (policy.isExpired(a, now)) {
        return b;
      }
      if (policy.isExpired(b, now)) {
        return a;
      }
      T reduced = user.reduce(a.userValue(), b.userValue());
      return reduced == null ? null : policy.wrap(reduced, now);
    }
  }
}
