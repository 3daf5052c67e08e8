package dev.runnel.runtime.state;

import dev.runnel.api.functions.AggregateFunction;
import java.util.Collection;

/**
 * An aggregating state with time-to-live. The accumulator expires as a whole; adding to an expired
 * accumulator starts from a fresh one, and every add (or merge) is a write that restarts the
 * time-to-live.
 */
final class TtlAggregatingState<N, IN, ACC, OUT>
    implements InternalAggregatingState<N, IN, OUT>, TtlState {
  private final HeapAggregatingState<N, IN, TtlValue<ACC>, OUT> inner;
  private final AggregateFunction<IN, ACC, OUT> function;
  private final TtlPolicy policy;

  TtlAggregatingState(KeyContext keys, AggregateFunction<IN, ACC, OUT> function, TtlPolicy policy) {
    this.inner = new HeapAggregatingState<>(keys, new TtlAggregateFunction<>(function, policy));
    this.function = function;
    this.policy = policy;
  }

  @Override
  public OUT get() {
    ACC acc = policy.read(inner);
    return acc == null ? null : function.getResult(acc);
  }

  @Override
  public void add(IN value) {
    inner.add(value);
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
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

  /** The user's function over wrapped accumulators: an expired one counts as empty. */
  @SuppressWarnings("serial") // lives in the runtime only, never serialized

  @Override
  public StateTable<?, ?> table() {
    return inner.table();
  }

  private static final class TtlAggregateFunction<IN, ACC, OUT>
      implements AggregateFunction<IN, TtlValue<ACC>, OUT> {
    private final AggregateFunction<IN, ACC, OUT> user;
    private final TtlPolicy policy;

    TtlAggregateFunction(AggregateFunction<IN, ACC, OUT> user, TtlPolicy policy) {
      this.user = user;
      this.policy = policy;
    }

    @Override
    public TtlValue<ACC> createAccumulator() {
      return policy.wrap(user.createAccumulator(), policy.now());
    }

    @Override
    public TtlValue<ACC> add(IN value, TtlValue<ACC> acc) {
      long now = policy.now();
      ACC base = policy.isExpired(acc, now) ? user.createAccumulator() : acc.userValue();
      return policy.wrap(user.add(value, base), now);
    }

    @Override
    public OUT getResult(TtlValue<ACC> acc) {
      return user.getResult(acc.userValue());
    }

    @Override
    public TtlValue<ACC> merge(TtlValue<ACC> a, TtlValue<ACC> b) {
      long now = policy.now();
      if (policy.isExpired(a, now)) {
        return b;
      }
      if (policy.isExpired(b, now)) {
        return a;
      }
      return policy.wrap(user.merge(a.userValue(), b.userValue()), now);
    }
  }
}
