package dev.runnel.runtime.state;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A map state on the heap: the table maps (key, namespace) to a {@link HashMap} of user keys. A key
 * whose map became empty loses its mapping, at once when emptied by {@link #remove} and on the next
 * access when emptied through an iterator.
 */
final class HeapMapState<N, K, V> extends AbstractHeapState<N, HashMap<K, V>>
    implements InternalMapState<N, K, V> {
  HeapMapState(KeyContext keys) {
    super(keys);
  }

  @Override
  public V get(K key) {
    HashMap<K, V> map = table.get(namespace);
    return map == null ? null : map.get(key);
  }

  @Override
  public void put(K key, V value) {
    mapForWrite().put(key, value);
  }

  @Override
  public void putAll(Map<K, V> entries) {
    if (entries != null && !entries.isEmpty()) {
      mapForWrite().putAll(entries);
    }
  }

  @Override
  public void remove(K key) {
    HashMap<K, V> map = table.get(namespace);
    if (map != null) {
      map.remove(key);
      if (map.isEmpty()) {
        table.remove(namespace);
      }
    }
  }

  @Override
  public boolean contains(K key) {
    HashMap<K, V> map = table.get(namespace);
    return map != null && map.containsKey(key);
  }

  @Override
  public Iterable<Map.Entry<K, V>> entries() {
    HashMap<K, V> map = currentMap();
    return map == null ? Collections.emptySet() : map.entrySet();
  }

  @Override
  public Iterable<K> keys() {
    HashMap<K, V> map = currentMap();
    return map == null ? Collections.emptySet() : map.keySet();
  }

  @Override
  public Iterable<V> values() {
    HashMap<K, V> map = currentMap();
    return map == null ? Collections.emptyList() : map.values();
  }

  @Override
  public boolean isEmpty() {
    return currentMap() == null;
  }

  /** The current key's map, or null if it has none (dropping a map emptied by an iterator). */
  HashMap<K, V> currentMap() {
    HashMap<K, V> map = table.get(namespace);
    if (map != null && map.isEmpty()) {
      table.remove(namespace);
      return null;
    }
    return map;
  }

  private HashMap<K, V> mapForWrite() {
    HashMap<K, V> map = table.get(namespace);
    if (map == null) {
      map = new HashMap<>();
      table.put(namespace, map);
    }
    return map;
  }
}
