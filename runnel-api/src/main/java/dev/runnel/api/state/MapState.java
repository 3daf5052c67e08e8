package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;
import java.util.Map;

/**
 * A map per key: each key of the stream has its own map of user keys to values. Reading one
 * entry does not read the others, so a large map costs nothing per element beyond the entries it
 * touches.
 *
 * <pre>{@code
 * MapState<String, Long> clicksByPage =
 *     ctx.getMapState(new MapStateDescriptor<>("clicks", String.class, Long.class));
 * Long n = clicksByPage.get(click.page());
 * clicksByPage.put(click.page(), n == null ? 1 : n + 1);
 * }</pre>
 *
 * <p>{@link #entries()}, {@link #keys()} and {@link #values()} iterate the current key's map in no
 * particular order. Their iterators support {@code remove()}, which removes the mapping from the
 * state; change the map by any other call only after the iteration is done. Use {@link #put} to
 * change a value, not {@code Map.Entry.setValue}.
 *
 * <p>With {@linkplain StateDescriptor#enableTimeToLive time-to-live}, each mapping expires on its
 * own.
 *
 * @param <K> user key type
 * @param <V> value type
 */
@Public
public interface MapState<K, V> extends State {
  /** The value mapped to {@code key}, or {@code null} if none. */
  V get(K key) throws Exception;

  void put(K key, V value) throws Exception;

  void putAll(Map<K, V> map) throws Exception;

  /** Removes the mapping for {@code key}, if any. */
  void remove(K key) throws Exception;

  /** Whether {@code key} has a mapping (even to {@code null}). */
  boolean contains(K key) throws Exception;

  Iterable<Map.Entry<K, V>> entries() throws Exception;

  Iterable<K> keys() throws Exception;

  Iterable<V> values() throws Exception;

  /** Whether the current key's map has no mappings. */
  boolean isEmpty() throws Exception;

  /** Removes every mapping of the current key. */
  @Override
  void clear();
}
