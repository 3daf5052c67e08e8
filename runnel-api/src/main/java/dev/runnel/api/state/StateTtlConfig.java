package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Time-to-live for keyed state: a value that has not been written (or, optionally, read) for the
 * configured duration is expired and no longer returned.
 *
 * <pre>{@code
 * ValueStateDescriptor<Session> d = new ValueStateDescriptor<>("session", Session.class);
 * d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMinutes(30))
 *     .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite)
 *     .build());
 * }</pre>
 *
 * <p><b>Time.</b> TTL runs on processing time (the wall clock of the machine), not event time. A
 * value last written (or refreshed) at time {@code t} is live before {@code t + ttl} and expired
 * from {@code t + ttl} on. Replaying old data therefore does not expire it early, and a job that
 * is stopped for longer than the TTL finds its state expired when it resumes.
 *
 * <p><b>Granularity.</b> A value, reducing or aggregating state expires as a whole; every element
 * of a list state and every mapping of a map state expires on its own.
 *
 * <p><b>Cleanup.</b> Expired values are removed when they are accessed, and by a full cleanup pass
 * that the runtime runs over all keys. Until one of these happens an expired value still takes
 * memory: the value of a key that is never seen again stays until the next cleanup pass. With
 * {@link StateVisibility#ReturnExpiredIfNotCleanedUp}, a read that finds an expired value still
 * returns it (and removes it, so the next read sees nothing).
 */
@Public
public final class StateTtlConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Which accesses restart a value's time-to-live. */
  public enum UpdateType {
    /** Creating or writing a value restarts its time-to-live; reading does not. The default. */
    OnCreateAndWrite,
    /** Reading a live value restarts its time-to-live too, as does creating or writing it. */
    OnReadAndWrite
  }

  /** Whether an expired value that has not yet been removed may still be read. */
  public enum StateVisibility {
    /** An expired value is never returned, whether or not it has been removed. The default. */
    NeverReturnExpired,
    /**
     * An expired value is returned by the read that finds it, which also removes it; so it can be
     * read at most once after it expired, and not at all once a cleanup pass removed it.
     */
    ReturnExpiredIfNotCleanedUp
  }

  private final Duration ttl;
  private final UpdateType updateType;
  private final StateVisibility stateVisibility;

  private StateTtlConfig(Duration ttl, UpdateType updateType, StateVisibility stateVisibility) {
    this.ttl = ttl;
    this.updateType = updateType;
    this.stateVisibility = stateVisibility;
  }

  /** Starts a configuration with the given time-to-live, which must be at least one millisecond. */
  public static Builder newBuilder(Duration ttl) {
    return new Builder(ttl);
  }

  public Duration ttl() {
    return ttl;
  }

  public UpdateType updateType() {
    return updateType;
  }

  public StateVisibility stateVisibility() {
    return stateVisibility;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateTtlConfig c && ttl.equals(c.ttl) && updateType == c.updateType
        && stateVisibility == c.stateVisibility;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ttl, updateType, stateVisibility);
  }

  @Override
  public String toString() {
    return "ttl " + ttl + ", " + updateType + ", " + stateVisibility;
  }

  /** Builds a {@link StateTtlConfig}; defaults are {@code OnCreateAndWrite} and {@code NeverReturnExpired}. */
  @Public
  public static final class Builder {
    private final Duration ttl;
    private UpdateType updateType = UpdateType.OnCreateAndWrite;
    private StateVisibility stateVisibility = StateVisibility.NeverReturnExpired;

    private Builder(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.toMillis() < 1) {
        throw new IllegalArgumentException("state ttl must be at least 1 ms, got " + ttl);
      }
      this.ttl = ttl;
    }

    public Builder setUpdateType(UpdateType updateType) {
      this.updateType = Objects.requireNonNull(updateType, "updateType");
      return this;
    }

    public Builder setStateVisibility(StateVisibility stateVisibility) {
      this.stateVisibility = Objects.requireNonNull(stateVisibility, "stateVisibility");
      return this;
    }

    public StateTtlConfig build() {
      return new StateTtlConfig(ttl, updateType, stateVisibility);
    }
  }
}
