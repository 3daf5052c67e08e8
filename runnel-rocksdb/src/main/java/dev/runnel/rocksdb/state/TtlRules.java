package dev.runnel.rocksdb.state;

import dev.runnel.api.state.StateTtlConfig;
import java.util.function.LongSupplier;

/**
 * The rules of one {@link StateTtlConfig} over a processing-time clock, as the heap backend
 * applies them: a value written (or refreshed) at {@code t} is expired from {@code t + ttl} on.
 */
final class TtlRules {
  private final LongSupplier clock;
  private final long ttlMillis;
  private final boolean updateOnRead;
  private final boolean returnExpired;

  TtlRules(StateTtlConfig config, LongSupplier clock) {
    this.clock = clock;
    this.ttlMillis = config.ttl().toMillis();
    this.updateOnRead = config.updateType() == StateTtlConfig.UpdateType.OnReadAndWrite;
    this.returnExpired =
        config.stateVisibility() == StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp;
  }

  long now() {
    return clock.getAsLong();
  }

  /** Written as a difference, so that it cannot overflow. */
  boolean isExpired(long lastAccess, long now) {
    return now - lastAccess >= ttlMillis;
  }

  boolean updateOnRead() {
    return updateOnRead;
  }

  boolean returnExpired() {
    return returnExpired;
  }
}
