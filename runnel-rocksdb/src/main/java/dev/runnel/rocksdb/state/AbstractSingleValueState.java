package dev.runnel.rocksdb.state;

import dev.runnel.runtime.state.InternalMergingState;
import dev.runnel.runtime.state.TtlRules;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A state with one stored value per (key, namespace): value, reducing and aggregating state. With
 * time-to-live the value expires as a whole.
 */
abstract class AbstractSingleValueState<N> extends AbstractRocksState<N> {
  AbstractSingleValueState(RocksDbKeyedStateBackend backend, ColumnFamilyHandle columnFamily,
      TtlRules ttl) {
    super(backend, columnFamily, ttl);
  }

  @Override
  public void clear() {
    dbDelete(key());
  }

  /**
   * The value of the current key and namespace under the time-to-live rules: null if none; if
   * expired, removed, and returned only with {@code ReturnExpiredIfNotCleanedUp}; if live,
   * refreshed with {@code OnReadAndWrite}.
   */
  final Object readVisible() {
    byte[] key = key();
    byte[] stored = dbGet(key);
    if (stored == null) {
      return null;
    }
    Object value = decode(stored);
    if (ttl == null) {
      return value;
    }
    long now = ttl.now();
    if (isExpired(stored, now)) {
      dbDelete(key);
      return ttl.returnExpired() ? value : null;
    }
    if (ttl.updateOnRead()) {
      dbPut(key, encode(value, now));
    }
    return value;
  }

  /** Stores {@code value} stamped now, or removes the value if it is null. */
  final void write(byte[] key, Object value, long now) {
    if (value == null) {
      dbDelete(key);
    } else {
      dbPut(key, encode(value, now));
    }
  }

  /**
   * Two stored values folded into one (as stored bytes), or null if the fold is null. With
   * time-to-live an expired side is dropped and a fold of two live values is stamped now.
   */
  final byte[] combine(byte[] a, byte[] b, long now) throws Exception {
    if (ttl != null) {
      if (isExpired(a, now)) {
        return b;
      }
      if (isExpired(b, now)) {
        return a;
      }
    }
    Object folded = fold(decode(a), decode(b));
    return folded == null ? null : encode(folded, now);
  }

  /** Folds two user values: reduce, or merge accumulators. */
  Object fold(Object a, Object b) throws Exception {
    throw new UnsupportedOperationException();
  }

  /** {@link InternalMergingState#mergeNamespaces}, for the merging kinds. */
  final void mergeStoredNamespaces(N target, Collection<N> sources) throws Exception {
    byte[] targetKey = key(target);
    byte[] merged = dbGet(targetKey);
    long now = now();
    Set<N> done = new HashSet<>();
    try (WriteBatch batch = new WriteBatch()) {
      for (N source : sources) {
        if (source.equals(target) || !done.add(source)) {
          continue;
        }
        byte[] sourceKey = key(source);
        byte[] stored = dbGet(sourceKey);
        if (stored == null) {
          continue;
        }
        batch.delete(columnFamily, sourceKey);
        merged = merged == null ? stored : combine(merged, stored, now);
      }
      if (merged != null) {
        batch.put(columnFamily, targetKey, merged);
      }
      dbWrite(batch);
    } catch (RocksDBException e) {
      throw backend.failure("merge namespaces of", e);
    }
  }
}
