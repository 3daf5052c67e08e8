package dev.runnel.rocksdb.state;

import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.runtime.state.InternalReducingState;
import dev.runnel.runtime.state.TtlRules;
import java.util.Collection;
import java.util.Objects;
import org.rocksdb.ColumnFamilyHandle;

/**
 * A reducing state: the folded value per (key, namespace), read, reduced and written back on every
 * add. With time-to-live, adding to an expired value starts afresh from the added one.
 */
final class RocksReducingState<N, T> extends AbstractSingleValueState<N>
    implements InternalReducingState<N, T> {
  private final ReduceFunction<T> function;

  RocksReducingState(RocksDbKeyedStateBackend backend, ColumnFamilyHandle columnFamily,
      TtlRules ttl, ReduceFunction<T> function) {
    super(backend, columnFamily, ttl);
    this.function = function;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    return (T) readVisible();
  }

  @Override
  @SuppressWarnings("unchecked")
  public void add(T value) throws Exception {
    Objects.requireNonNull(value, "reducing state does not accept null values");
    byte[] key = key();
    byte[] stored = dbGet(key);
    long now = now();
    T result = stored == null || isExpired(stored, now)
        ? value
        : function.reduce((T) decode(stored), value);
    write(key, result, now);
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) throws Exception {
    mergeStoredNamespaces(target, sources);
  }

  @Override
  @SuppressWarnings("unchecked")
  Object fold(Object a, Object b) throws Exception {
    return function.reduce((T) a, (T) b);
  }
}
