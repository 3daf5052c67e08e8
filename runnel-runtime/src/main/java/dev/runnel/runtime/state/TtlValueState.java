package dev.runnel.runtime.state;

/** A value state with time-to-live: a heap value state of {@link TtlValue}s and the TTL rules. */
final class TtlValueState<N, T> implements InternalValueState<N, T>, TtlState {
  private final HeapValueState<N, TtlValue<T>> inner;
  private final TtlPolicy policy;

  TtlValueState(KeyContext keys, TtlPolicy policy) {
    this.inner = new HeapValueState<>(keys);
    this.policy = policy;
  }

  @Override
  public T value() {
    return policy.read(inner);
  }

  @Override
  public void update(T value) {
    if (value == null) {
      inner.clear();
    } else {
      inner.update(policy.wrap(value, policy.now()));
    }
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
  @Override
  public StateTable<?, ?> table() {
    return inner.table();
  }
}
