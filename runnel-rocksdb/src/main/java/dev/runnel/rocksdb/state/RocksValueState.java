package dev.runnel.rocksdb.state;

import dev.runnel.runtime.state.InternalValueState;
import dev.runnel.runtime.state.TtlRules;
import org.rocksdb.ColumnFamilyHandle;

/** A value state: one serialized value per (key, namespace). */
final class RocksValueState<N, T> extends AbstractSingleValueState<N>
    implements InternalValueState<N, T> {
  RocksValueState(RocksDbKeyedStateBackend backend, ColumnFamilyHandle columnFamily, TtlRules ttl) {
    super(backend, columnFamily, ttl);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T value() {
    return (T) readVisible();
  }

  @Override
  public void update(T value) {
    write(key(), value, now());
  }
}
