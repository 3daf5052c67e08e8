package dev.runnel.rocksdb.state;

import dev.runnel.runtime.serialization.ObjectSerializer;
import dev.runnel.runtime.state.InternalKvState;
import dev.runnel.runtime.state.TtlRules;
import dev.runnel.runtime.state.VoidNamespace;
import java.util.Objects;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * What every RocksDB state shares: its column family, the current namespace, and the key layout.
 * The database key of (current key, namespace) is
 *
 * <pre>
 *   key group (2 bytes, big-endian) | key length (4) | key bytes | namespace length (4) | namespace bytes
 * </pre>
 *
 * <p>(map state appends the serialized user key). The lengths make the (key, namespace) part a
 * prefix of exactly its own entries, never of another key's.
 *
 * <p>With time-to-live, every stored value (list element, map value) starts with the 8-byte
 * processing time it was last written or refreshed.
 *
 * @param <N> namespace type
 */
abstract class AbstractRocksState<N> implements InternalKvState<N> {
  final RocksDbKeyedStateBackend backend;
  final ColumnFamilyHandle columnFamily;
  /** Null without time-to-live. */
  final TtlRules ttl;

  private N namespace;
  private Object namespaceOfPart;
  private byte[] namespacePart;

  @SuppressWarnings("unchecked")
  AbstractRocksState(RocksDbKeyedStateBackend backend, ColumnFamilyHandle columnFamily,
      TtlRules ttl) {
    this.backend = backend;
    this.columnFamily = columnFamily;
    this.ttl = ttl;
    this.namespace = (N) VoidNamespace.INSTANCE;
  }

  @Override
  public final void setCurrentNamespace(N namespace) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
  }

  @Override
  public final N currentNamespace() {
    return namespace;
  }

  final boolean hasTtl() {
    return ttl != null;
  }

  /** The database key of the current key and namespace. */
  final byte[] key() {
    if (namespace != namespaceOfPart) {
      namespacePart = Bytes.lengthPrefixed(ObjectSerializer.toBytes(namespace));
      namespaceOfPart = namespace;
    }
    return Bytes.concat(backend.currentKeyPart(), namespacePart);
  }

  /** The database key of the current key and {@code ns}. */
  final byte[] key(N ns) {
    if (ns == namespace) {
      return key();
    }
    return Bytes.concat(backend.currentKeyPart(),
        Bytes.lengthPrefixed(ObjectSerializer.toBytes(ns)));
  }

  /** Value bytes stamped with {@code now} if this state has time-to-live. */
  final byte[] encode(Object value, long now) {
    return Bytes.encode(value, ttl != null, now);
  }

  final Object decode(byte[] stored) {
    return Bytes.decode(stored, ttl != null);
  }

  final long now() {
    return ttl == null ? 0 : ttl.now();
  }

  final boolean isExpired(byte[] stored, long now) {
    return ttl != null && ttl.isExpired(Bytes.readLong(stored, 0), now);
  }

  // ---- database access, with RocksDB's checked exceptions made unchecked ----

  final byte[] dbGet(byte[] key) {
    try {
      return backend.db().get(columnFamily, backend.readOptions(), key);
    } catch (RocksDBException e) {
      throw backend.failure("read", e);
    }
  }

  final void dbPut(byte[] key, byte[] value) {
    try {
      backend.db().put(columnFamily, backend.writeOptions(), key, value);
    } catch (RocksDBException e) {
      throw backend.failure("write", e);
    }
  }

  final void dbMerge(byte[] key, byte[] value) {
    try {
      backend.db().merge(columnFamily, backend.writeOptions(), key, value);
    } catch (RocksDBException e) {
      throw backend.failure("write", e);
    }
  }

  final void dbDelete(byte[] key) {
    try {
      backend.db().delete(columnFamily, backend.writeOptions(), key);
    } catch (RocksDBException e) {
      throw backend.failure("delete", e);
    }
  }

  final void dbWrite(WriteBatch batch) {
    try {
      backend.db().write(backend.writeOptions(), batch);
    } catch (RocksDBException e) {
      throw backend.failure("write", e);
    }
  }

  final RocksIterator newIterator() {
    return backend.db().newIterator(columnFamily, backend.readOptions());
  }

  /**
   * Removes every expired value of the column family, over all key groups; returns how many. For
   * states whose every stored value starts with its timestamp (value, reducing, aggregating, map
   * entries); list state overrides it.
   */
  long cleanupExpired(long now) {
    if (ttl == null) {
      return 0;
    }
    long removed = 0;
    try (RocksIterator it = newIterator(); WriteBatch batch = new WriteBatch()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (ttl.isExpired(Bytes.readLong(it.value(), 0), now)) {
          batch.delete(columnFamily, it.key());
          removed++;
          if (batch.count() >= 1000) {
            dbWrite(batch);
            batch.clear();
          }
        }
      }
      check(it);
      dbWrite(batch);
    } catch (RocksDBException e) {
      throw backend.failure("clean up", e);
    }
    return removed;
  }

  final void check(RocksIterator it) {
    try {
      it.status();
    } catch (RocksDBException e) {
      throw backend.failure("iterate", e);
    }
  }
}
