package dev.runnel.rocksdb.state;

import dev.runnel.runtime.serialization.ObjectSerializer;
import dev.runnel.runtime.serialization.StateSerializationException;
import dev.runnel.runtime.state.InternalListState;
import dev.runnel.runtime.state.TtlRules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * A list state: one database value per (key, namespace) holding the elements one after another.
 *
 * <p><b>Appends do not read.</b> Every column family has RocksDB's string-append merge operator
 * with an empty delimiter, so {@link #add} and {@link #addAll} issue a {@code merge} of the new
 * elements' bytes, which RocksDB concatenates to the stored value lazily (at read or compaction).
 * This works because every element's bytes are self-delimiting: {@link ObjectSerializer} writes a
 * type tag and lengths, and with time-to-live each element is preceded by its fixed 8-byte
 * timestamp. {@link #get} reads the whole value and decodes the elements in order; {@link #update}
 * and TTL expiry rewrite it.
 */
final class RocksListState<N, T> extends AbstractRocksState<N> implements InternalListState<N, T> {
  RocksListState(RocksDbKeyedStateBackend backend, ColumnFamilyHandle columnFamily, TtlRules ttl) {
    super(backend, columnFamily, ttl);
  }

  /** An element with its timestamp (0 without time-to-live). */
  private record Element(Object value, long timestamp) {}

  @Override
  @SuppressWarnings("unchecked")
  public List<T> get() {
    byte[] key = key();
    byte[] stored = dbGet(key);
    if (stored == null) {
      return List.of();
    }
    List<Element> elements = parse(stored);
    ArrayList<T> result = new ArrayList<>(elements.size());
    if (ttl == null) {
      for (Element e : elements) {
        result.add((T) e.value());
      }
      return Collections.unmodifiableList(result);
    }
    long now = ttl.now();
    List<Element> live = new ArrayList<>(elements.size());
    boolean changed = false;
    for (Element e : elements) {
      boolean expired = ttl.isExpired(e.timestamp(), now);
      if (!expired || ttl.returnExpired()) {
        result.add((T) e.value());
      }
      if (expired) {
        changed = true;
      } else if (ttl.updateOnRead()) {
        changed = true;
        live.add(new Element(e.value(), now));
      } else {
        live.add(e);
      }
    }
    if (changed) {
      if (live.isEmpty()) {
        dbDelete(key);
      } else {
        dbPut(key, serialize(live));
      }
    }
    return Collections.unmodifiableList(result);
  }

  @Override
  public void add(T value) {
    Objects.requireNonNull(value, "list state does not accept null elements");
    dbMerge(key(), Bytes.encode(value, ttl != null, now()));
  }

  @Override
  public void addAll(List<T> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    dbMerge(key(), serializeValues(values));
  }

  @Override
  public void update(List<T> values) {
    if (values == null || values.isEmpty()) {
      dbDelete(key());
    } else {
      dbPut(key(), serializeValues(values));
    }
  }

  @Override
  public void clear() {
    dbDelete(key());
  }

  /** Appends each source's elements (bytes as they are, timestamps kept) to the target's. */
  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    byte[] targetKey = key(target);
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
        batch.merge(columnFamily, targetKey, stored);
      }
      dbWrite(batch);
    } catch (RocksDBException e) {
      throw backend.failure("merge namespaces of", e);
    }
  }

  @Override
  long cleanupExpired(long now) {
    if (ttl == null) {
      return 0;
    }
    long removed = 0;
    try (RocksIterator it = newIterator(); WriteBatch batch = new WriteBatch()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        List<Element> elements = parse(it.value());
        List<Element> live = new ArrayList<>(elements.size());
        for (Element e : elements) {
          if (!ttl.isExpired(e.timestamp(), now)) {
            live.add(e);
          }
        }
        if (live.size() < elements.size()) {
          removed += elements.size() - live.size();
          if (live.isEmpty()) {
            batch.delete(columnFamily, it.key());
          } else {
            batch.put(columnFamily, it.key(), serialize(live));
          }
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

  private byte[] serializeValues(List<T> values) {
    long now = now();
    List<Element> elements = new ArrayList<>(values.size());
    for (T v : values) {
      elements.add(new Element(
          Objects.requireNonNull(v, "list state does not accept null elements"), now));
    }
    return serialize(elements);
  }

  private byte[] serialize(List<Element> elements) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * elements.size());
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      for (Element e : elements) {
        if (ttl != null) {
          out.writeLong(e.timestamp());
        }
        ObjectSerializer.write(out, e.value());
      }
    } catch (IOException e) {
      throw new StateSerializationException(e);
    }
    return bytes.toByteArray();
  }

  private List<Element> parse(byte[] stored) {
    ByteArrayInputStream bytes = new ByteArrayInputStream(stored);
    DataInputStream in = new DataInputStream(bytes);
    List<Element> elements = new ArrayList<>();
    try {
      while (bytes.available() > 0) {
        long timestamp = ttl != null ? in.readLong() : 0;
        elements.add(new Element(ObjectSerializer.read(in), timestamp));
      }
    } catch (IOException e) {
      throw new StateSerializationException(e);
    }
    return elements;
  }
}
