package dev.runnel.rocksdb.state;

import dev.runnel.runtime.serialization.ObjectSerializer;
import dev.runnel.runtime.state.InternalMapState;
import dev.runnel.runtime.state.TtlRules;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * A map state: one database entry per mapping, keyed by the (key, namespace) part followed by the
 * serialized user key, so the mappings of a (key, namespace) are one contiguous run of keys and a
 * read or write touches one mapping only.
 *
 * <p>Without time-to-live, {@link #entries()}, {@link #keys()} and {@link #values()} read the
 * mappings lazily, {@value #BATCH} at a time (a large map is never held in memory whole); with
 * time-to-live they apply the rules to every mapping when called, as the heap backend does, and
 * return a copy. Their iterators' {@code remove()} removes the mapping from the database.
 */
final class RocksMapState<N, K, V> extends AbstractRocksState<N>
    implements InternalMapState<N, K, V> {
  static final int BATCH = 256;

  RocksMapState(RocksDbKeyedStateBackend backend, ColumnFamilyHandle columnFamily, TtlRules ttl) {
    super(backend, columnFamily, ttl);
  }

  private byte[] entryKey(byte[] prefix, Object userKey) {
    return Bytes.concat(prefix, ObjectSerializer.toBytes(userKey));
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(K userKey) {
    byte[] stored = read(entryKey(key(), userKey));
    return stored == null ? null : (V) decode(stored);
  }

  @Override
  public boolean contains(K userKey) {
    return read(entryKey(key(), userKey)) != null;
  }

  /** One mapping under the TTL rules: null if absent or invisible; removed if expired. */
  private byte[] read(byte[] entryKey) {
    byte[] stored = dbGet(entryKey);
    if (stored == null || ttl == null) {
      return stored;
    }
    long now = ttl.now();
    if (isExpired(stored, now)) {
      dbDelete(entryKey);
      return ttl.returnExpired() ? stored : null;
    }
    if (ttl.updateOnRead()) {
      byte[] refreshed = stored.clone();
      Bytes.writeInt(refreshed, 0, (int) (now >>> 32));
      Bytes.writeInt(refreshed, 4, (int) now);
      dbPut(entryKey, refreshed);
    }
    return stored;
  }

  @Override
  public void put(K userKey, V value) {
    dbPut(entryKey(key(), userKey), encode(value, now()));
  }

  @Override
  public void putAll(Map<K, V> entries) {
    if (entries == null || entries.isEmpty()) {
      return;
    }
    byte[] prefix = key();
    long now = now();
    try (WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<K, V> e : entries.entrySet()) {
        batch.put(columnFamily, entryKey(prefix, e.getKey()), encode(e.getValue(), now));
      }
      dbWrite(batch);
    } catch (RocksDBException e) {
      throw backend.failure("write", e);
    }
  }

  @Override
  public void remove(K userKey) {
    dbDelete(entryKey(key(), userKey));
  }

  @Override
  public Iterable<Map.Entry<K, V>> entries() {
    return view(e -> e);
  }

  @Override
  public Iterable<K> keys() {
    return view(Map.Entry::getKey);
  }

  @Override
  public Iterable<V> values() {
    return view(Map.Entry::getValue);
  }

  @Override
  public boolean isEmpty() {
    byte[] prefix = key();
    if (ttl == null || ttl.returnExpired()) {
      return scan(prefix, null, 1).isEmpty();
    }
    // Never return expired: drop the expired mappings first.
    long now = ttl.now();
    boolean empty = true;
    try (RocksIterator it = newIterator(); WriteBatch batch = new WriteBatch()) {
      for (it.seek(prefix); it.isValid() && Bytes.startsWith(it.key(), prefix); it.next()) {
        if (isExpired(it.value(), now)) {
          batch.delete(columnFamily, it.key());
        } else {
          empty = false;
          break;
        }
      }
      check(it);
      dbWrite(batch);
    } catch (RocksDBException e) {
      throw backend.failure("delete", e);
    }
    return empty;
  }

  @Override
  public void clear() {
    byte[] prefix = key();
    try (RocksIterator it = newIterator(); WriteBatch batch = new WriteBatch()) {
      for (it.seek(prefix); it.isValid() && Bytes.startsWith(it.key(), prefix); it.next()) {
        batch.delete(columnFamily, it.key());
      }
      check(it);
      dbWrite(batch);
    } catch (RocksDBException e) {
      throw backend.failure("clear", e);
    }
  }

  /** A stored mapping: its database key and the decoded user key and value. */
  private final class Stored extends AbstractMap.SimpleImmutableEntry<K, V> {
    private static final long serialVersionUID = 1L;
    final transient byte[] dbKey;

    Stored(byte[] dbKey, K key, V value) {
      super(key, value);
      this.dbKey = dbKey;
    }
  }

  /**
   * Up to {@code limit} mappings whose database key starts with {@code prefix}, from the first
   * after {@code after} (from the first of the prefix if null), raw: [key, value] pairs.
   */
  private List<byte[][]> scan(byte[] prefix, byte[] after, int limit) {
    List<byte[][]> found = new ArrayList<>(Math.min(limit, BATCH));
    try (RocksIterator it = newIterator()) {
      it.seek(after == null ? prefix : after);
      if (after != null && it.isValid() && Arrays.equals(it.key(), after)) {
        it.next();
      }
      for (; it.isValid() && found.size() < limit && Bytes.startsWith(it.key(), prefix);
          it.next()) {
        found.add(new byte[][] {it.key(), it.value()});
      }
      check(it);
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private Stored decodeEntry(byte[] prefix, byte[] dbKey, byte[] value) {
    return new Stored(dbKey, (K) Bytes.decode(dbKey, prefix.length), (V) decode(value));
  }

  private <E> Iterable<E> view(Function<Map.Entry<K, V>, E> project) {
    byte[] prefix = key();
    if (ttl == null) {
      return () -> new LazyIterator<>(prefix, project);
    }
    List<Stored> visible = readAllWithTtl(prefix);
    return () -> new CopyIterator<>(visible, project);
  }

  /** Every visible mapping of the prefix under the TTL rules, as a copy. */
  private List<Stored> readAllWithTtl(byte[] prefix) {
    long now = ttl.now();
    List<Stored> visible = new ArrayList<>();
    try (RocksIterator it = newIterator(); WriteBatch batch = new WriteBatch()) {
      for (it.seek(prefix); it.isValid() && Bytes.startsWith(it.key(), prefix); it.next()) {
        byte[] dbKey = it.key();
        byte[] stored = it.value();
        if (isExpired(stored, now)) {
          batch.delete(columnFamily, dbKey);
          if (!ttl.returnExpired()) {
            continue;
          }
        } else if (ttl.updateOnRead()) {
          byte[] refreshed = stored.clone();
          Bytes.writeInt(refreshed, 0, (int) (now >>> 32));
          Bytes.writeInt(refreshed, 4, (int) now);
          batch.put(columnFamily, dbKey, refreshed);
        }
        visible.add(decodeEntry(prefix, dbKey, stored));
      }
      check(it);
      dbWrite(batch);
    } catch (RocksDBException e) {
      throw backend.failure("read", e);
    }
    return visible;
  }

  /** Iterates a copy; {@code remove()} removes the mapping from the database. */
  private final class CopyIterator<E> implements Iterator<E> {
    private final Iterator<Stored> entries;
    private final Function<Map.Entry<K, V>, E> project;
    private Stored last;

    CopyIterator(List<Stored> entries, Function<Map.Entry<K, V>, E> project) {
      this.entries = entries.iterator();
      this.project = project;
    }

    @Override
    public boolean hasNext() {
      return entries.hasNext();
    }

    @Override
    public E next() {
      last = entries.next();
      return project.apply(last);
    }

    @Override
    public void remove() {
      if (last == null) {
        throw new IllegalStateException("next() has not been called, or remove() already was");
      }
      dbDelete(last.dbKey);
      last = null;
    }
  }

  /**
   * Reads the mappings {@value #BATCH} at a time, each batch with a fresh RocksDB iterator that
   * seeks past the last mapping returned, so that no native iterator stays open between calls.
   */
  private final class LazyIterator<E> implements Iterator<E> {
    private final byte[] prefix;
    private final Function<Map.Entry<K, V>, E> project;
    private final ArrayDeque<byte[][]> buffer = new ArrayDeque<>();
    private byte[] after;
    private boolean exhausted;
    private Stored last;

    LazyIterator(byte[] prefix, Function<Map.Entry<K, V>, E> project) {
      this.prefix = prefix;
      this.project = project;
    }

    @Override
    public boolean hasNext() {
      if (buffer.isEmpty() && !exhausted) {
        List<byte[][]> batch = scan(prefix, after, BATCH);
        buffer.addAll(batch);
        exhausted = batch.size() < BATCH;
        if (!batch.isEmpty()) {
          after = batch.get(batch.size() - 1)[0];
        }
      }
      return !buffer.isEmpty();
    }

    @Override
    public E next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      byte[][] raw = buffer.poll();
      last = decodeEntry(prefix, raw[0], raw[1]);
      return project.apply(last);
    }

    @Override
    public void remove() {
      if (last == null) {
        throw new IllegalStateException("next() has not been called, or remove() already was");
      }
      dbDelete(last.dbKey);
      last = null;
    }
  }
}
