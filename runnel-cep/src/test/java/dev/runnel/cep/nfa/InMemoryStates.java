package dev.runnel.cep.nfa;

import dev.runnel.api.state.MapState;
import dev.runnel.api.state.ValueState;
import java.util.HashMap;
import java.util.Map;

/** One key's worth of state in plain maps: runs the NFA with no runtime at all. */
public final class InMemoryStates {
  private InMemoryStates() {}

  static <T> ValueState<T> value() {
    return new ValueState<>() {
      private T value;

      @Override
      public T value() {
        return value;
      }

      @Override
      public void update(T v) {
        value = v;
      }

      @Override
      public void clear() {
        value = null;
      }
    };
  }

  static <K, V> MapState<K, V> map() {
    return new MapState<>() {
      private final Map<K, V> map = new HashMap<>();

      @Override
      public V get(K key) {
        return map.get(key);
      }

      @Override
      public void put(K key, V value) {
        map.put(key, value);
      }

      @Override
      public void putAll(Map<K, V> m) {
        map.putAll(m);
      }

      @Override
      public void remove(K key) {
        map.remove(key);
      }

      @Override
      public boolean contains(K key) {
        return map.containsKey(key);
      }

      @Override
      public Iterable<Map.Entry<K, V>> entries() {
        return map.entrySet();
      }

      @Override
      public Iterable<K> keys() {
        return map.keySet();
      }

      @Override
      public Iterable<V> values() {
        return map.values();
      }

      @Override
      public boolean isEmpty() {
        return map.isEmpty();
      }

      @Override
      public void clear() {
        map.clear();
      }
    };
  }

  /** An NFA for {@code pattern} over fresh in-memory states. */
  public static Nfa nfa(CompiledPattern pattern) {
    return new Nfa(pattern, value(), value(), map(), map());
  }
}
