package dev.runnel.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A bounded cache of lookup results with a time to live: at most {@code maxSize} entries, the
 * least recently used evicted first, each entry good for {@code ttlNanos} after it was loaded
 * (reads do not extend it, so a changed row shows within one TTL). Absent rows are cached too, as
 * empty results, so a stream of unknown keys does not query the database per record. Time comes
 * from a ticker in nanoseconds, so tests can move it. Thread-safe (one lock; its work is a map
 * operation).
 *
 * @param <K> key type
 * @param <V> value type
 */
final class LookupCache<K, V> {
  private record Entry<V>(Optional<V> value, long loadedAtNanos) {}

  private final int maxSize;
  private final long ttlNanos;
  private final LongSupplier ticker;
  private final LinkedHashMap<K, Entry<V>> entries;

  LookupCache(int maxSize, long ttlNanos, LongSupplier ticker) {
    this.maxSize = maxSize;
    this.ttlNanos = ttlNanos;
    this.ticker = ticker;
    // Access order makes iteration order least recently used first, which eviction takes.
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
        return size() > LookupCache.this.maxSize;
      }
    };
  }

  /** The cached result for {@code key}, or null when there is none or it has expired. */
  synchronized Optional<V> get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (ticker.getAsLong() - entry.loadedAtNanos() >= ttlNanos) {
      entries.remove(key);
      return null;
    }
    return entry.value();
  }

  synchronized void put(K key, Optional<V> value) {
    if (maxSize > 0) {
      entries.put(key, new Entry<>(value, ticker.getAsLong()));
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
