package dev.runnel.runtime.state;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A map state with time-to-live per mapping: a heap map state whose values are {@link TtlValue}s.
 *
 * <p>Reading one mapping ({@link #get}, {@link #contains}) applies the TTL rules to that mapping
 * alone. {@link #entries()}, {@link #keys()} and {@link #values()} read every mapping of the current
 * key when called: they drop the expired ones (listing them that once with {@code
 * ReturnExpiredIfNotCleanedUp}), restamp the live ones with {@code OnReadAndWrite}, and return a
 * copy whose iterator's {@code remove()} removes the mapping from the state. {@link #isEmpty()}
 * reads no values, so it restamps nothing; with {@code NeverReturnExpired} it drops the expired
 * mappings first, with {@code ReturnExpiredIfNotCleanedUp} expired mappings still count.
 */
final class TtlMapState<N, K, V> implements InternalMapState<N, K, V>, TtlState {
  private final HeapMapState<N, K, TtlValue<V>> inner;
  private final TtlPolicy policy;

  TtlMapState(KeyContext keys, TtlPolicy policy) {
    this.inner = new HeapMapState<>(keys);
    this.policy = policy;
  }

  @Override
  public V get(K key) {
    TtlValue<V> v = read(key);
    return v == null ? null : v.userValue();
  }

  @Override
  public boolean contains(K key) {
    return read(key) != null;
  }

  @Override
  public void put(K key, V value) {
    inner.put(key, policy.wrap(value, policy.now()));
  }

  @Override
  public void putAll(Map<K, V> entries) {
    if (entries == null || entries.isEmpty()) {
      return;
    }
    long now = policy.now();
    for (Map.Entry<K, V> e : entries.entrySet()) {
      inner.put(e.getKey(), policy.wrap(e.getValue(), now));
    }
  }

  @Override
  public void remove(K key) {
    inner.remove(key);
  }

  @Override
  public Iterable<Map.Entry<K, V>> entries() {
    return new RemovingView<>(readAll(), e -> e);
  }

  @Override
  public Iterable<K> keys() {
    return new RemovingView<>(readAll(), Map.Entry::getKey);
  }

  @Override
  public Iterable<V> values() {
    return new RemovingView<>(readAll(), Map.Entry::getValue);
  }

  @Override
  public boolean isEmpty() {
    HashMap<K, TtlValue<V>> map = inner.currentMap();
    if (map == null) {
      return true;
    }
    if (!policy.returnExpired()) {
      long now = policy.now();
      map.values().removeIf(v -> policy.isExpired(v, now));
      if (map.isEmpty()) {
        inner.clear();
        return true;
      }
    }
    return false;
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
    long[] removed = {0};
    inner.table().transformAll((key, namespace, map) -> {
      int before = map.size();
      map.values().removeIf(v -> policy.isExpired(v, now));
      removed[0] += before - map.size();
      return map.isEmpty() ? null : map;
    });
    return removed[0];
  }

  /** One mapping under the TTL rules: null if absent or invisible; removed if expired. */
  private TtlValue<V> read(K key) {
    TtlValue<V> stored = inner.get(key);
    if (stored == null) {
      return null;
    }
    long now = policy.now();
    if (policy.isExpired(stored, now)) {
      inner.remove(key);
      return policy.returnExpired() ? stored : null;
    }
    if (policy.updateOnRead()) {
      inner.put(key, policy.wrap(stored.userValue(), now));
    }
    return stored;
  }

  /** Every visible mapping of the current key, as a copy; applies the TTL rules to each. */
  private List<Map.Entry<K, V>> readAll() {
    HashMap<K, TtlValue<V>> map = inner.currentMap();
    if (map == null) {
      return List.of();
    }
    long now = policy.now();
    List<Map.Entry<K, V>> visible = new ArrayList<>(map.size());
    for (Iterator<Map.Entry<K, TtlValue<V>>> it = map.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<K, TtlValue<V>> e = it.next();
      V value = e.getValue().userValue();
      if (policy.isExpired(e.getValue(), now)) {
        it.remove();
        if (!policy.returnExpired()) {
          continue;
        }
      } else if (policy.updateOnRead()) {
        e.setValue(policy.wrap(value, now));
      }
      visible.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), value));
    }
    if (map.isEmpty()) {
      inner.clear();
    }
    return visible;
  }

  /** A read-only copy of mappings whose iterator's {@code remove()} removes from the state. */
  private final class RemovingView<E> implements Iterable<E> {
    private final List<Map.Entry<K, V>> entries;
    private final Function<Map.Entry<K, V>, E> project;

    RemovingView(List<Map.Entry<K, V>> entries, Function<Map.Entry<K, V>, E> project) {
      this.entries = entries;
      this.project = project;
    }

    @Override
    public Iterator<E> iterator() {
      return new Iterator<>() {
        private int next;
        private Map.Entry<K, V> last;

        @Override
        public boolean hasNext() {
          return next < entries.size();
        }

        @Override
        public E next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          last = entries.get(next++);
          return project.apply(last);
        }

        @Override
        public void remove() {
          if (last == null) {
            throw new IllegalStateException("next() has not been called, or remove() already was");
          }
          inner.remove(last.getKey());
          last = null;
        }
      };
    }
  }
  @Override
  public StateTable<?, ?> table() {
    return inner.table();
  }
}
