package dev.runnel.runtime.state;

import dev.runnel.api.state.StateTtlConfig;
import java.util.function.LongSupplier;

/**
 * The rules of one {@link StateTtlConfig} over a processing-time clock, shared by every state
 * backend: a value written (or refreshed) at {@code t} is expired from {@code t + ttl} on; reads
 * refresh it with update-on-read; an expired value not yet removed is visible only with
 * return-expired-if-not-cleaned-up.
 */
public class TtlRules {
  private final LongSupplier clock;
  private final long ttlMillis;
  private final boolean updateOnRead;
  private final boolean returnExpired;

  public TtlRules(StateTtlConfig config, LongSupplier clock) {
    this.clock = clock;
    this.ttlMillis = config.ttl().toMillis();
    this.updateOnRead = config.updateType() == StateTtlConfig.UpdateType.OnReadAndWrite;
    this.returnExpired =
        config.stateVisibility() == StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp;
  }

  public long now() {
    return clock.getAsLong();
  }

  /** Expired from {@code lastAccess + ttl} on (written as a difference, so it cannot overflow). */
  public boolean isExpired(long lastAccess, long now) {
    return now - lastAccess >= ttlMillis;
  }

  public boolean updateOnRead() {
    return updateOnRead;
  }

  public boolean returnExpired() {
    return returnExpired;
  }
}
