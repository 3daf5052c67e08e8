package dev.runnel.rocksdb.state;

import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.runtime.state.InternalAggregatingState;
import dev.runnel.runtime.state.TtlRules;
import java.util.Collection;
import org.rocksdb.ColumnFamilyHandle;

/**
 * An aggregating state: the accumulator per (key, namespace), read, updated and written back on
 * every add. With time-to-live, adding to an expired accumulator starts from a fresh one.
 */
final class RocksAggregatingState<N, IN, ACC, OUT> extends AbstractSingleValueState<N>
    implements InternalAggregatingState<N, IN, OUT> {
  private final AggregateFunction<IN, ACC, OUT> function;

  RocksAggregatingState(RocksDbKeyedStateBackend backend, ColumnFamilyHandle columnFamily,
      TtlRules ttl, AggregateFunction<IN, ACC, OUT> function) {
    super(backend, columnFamily, ttl);
    this.function = function;
  }

  @Override
  @SuppressWarnings("unchecked")
  public OUT get() {
    ACC acc = (ACC) readVisible();
    return acc == null ? null : function.getResult(acc);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void add(IN value) {
    byte[] key = key();
    byte[] stored = dbGet(key);
    long now = now();
    ACC base = stored == null || isExpired(stored, now)
        ? function.createAccumulator()
        : (ACC) decode(stored);
    write(key, function.add(value, base), now);
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) throws Exception {
    mergeStoredNamespaces(target, sources);
  }

  @Override
  @SuppressWarnings("unchecked")
  Object fold(Object a, Object b) {
    return function.merge((ACC) a, (ACC) b);
  }
}
