package dev.runnel.runtime.time;

import java.util.Objects;

/**
 * A timer: a time, the key it belongs to and a namespace (the window, for window operators).
 * Equal timers are one timer.
 *
 * <p>{@link #hashCode} is written out because the record default ({@code 31 * h + ...} over the
 * three components) collides badly for the timers a job really makes: timestamps, keys and window
 * bounds are all narrow-ranged numbers, and a session window's timer is at its end minus one, so
 * the components move in lockstep and many different timers land on few hash values. Each
 * component is multiplied into 64 bits by a large odd constant and the result goes through a
 * finalizer that spreads every input bit over the returned 32.
 */
public record TimerKey<N>(long timestamp, Object key, N namespace) {
  private static final long MIX = 0x9E3779B97F4A7C15L;

  @Override
  public int hashCode() {
    long h = timestamp * MIX;
    h = (h + Objects.hashCode(key)) * MIX;
    h = (h + Objects.hashCode(namespace)) * MIX;
    // murmur3's fmix64
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return (int) h;
  }

  @Override
  public boolean equals(Object o) {
    // the record's semantics; the timestamp first, as it is the cheapest to tell timers apart by
    return this == o
        || o instanceof TimerKey<?> t
            && timestamp == t.timestamp
            && Objects.equals(key, t.key)
            && Objects.equals(namespace, t.namespace);
  }
}
