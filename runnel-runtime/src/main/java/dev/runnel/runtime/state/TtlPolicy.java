package dev.runnel.runtime.state;

import dev.runnel.api.state.StateTtlConfig;
import java.util.function.LongSupplier;

/**
 * The {@link TtlRules} of one {@link StateTtlConfig} applied to heap state: what a read of a single
 * value does (remove it if expired, return it if visible, refresh it with update-on-read).
 */
final class TtlPolicy extends TtlRules {
  TtlPolicy(StateTtlConfig config, LongSupplier clock) {
    super(config, clock);
  }

  boolean isExpired(TtlValue<?> value, long now) {
    return isExpired(value.lastAccessTimestamp(), now);
  }

  <T> TtlValue<T> wrap(T value, long now) {
    return new TtlValue<>(value, now);
  }

  /**
   * Reads the single stored value of {@code state} for its current key and namespace: null if
   * none; if expired, removes it and returns it only with {@code ReturnExpiredIfNotCleanedUp};
   * if live, refreshes it with {@code OnReadAndWrite} and returns it.
   */
  <X> X read(AbstractHeapState<?, TtlValue<X>> state) {
    TtlValue<X> stored = state.getInternal();
    if (stored == null) {
      return null;
    }
    long now = now();
    if (isExpired(stored, now)) {
      state.clear();
      return returnExpired() ? stored.userValue() : null;
    }
    if (updateOnRead()) {
      state.updateInternal(new TtlValue<>(stored.userValue(), now));
    }
    return stored.userValue();
  }

  /** Removes every expired single value of {@code table}; returns how many. */
  <N, X> long removeExpired(StateTable<N, TtlValue<X>> table, long now) {
    return table.transformAll((key, namespace, v) -> isExpired(v, now) ? null : v);
  }
}
