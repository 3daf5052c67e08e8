package dev.runnel.jdbc;

import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.RichFunction;
import dev.runnel.api.functions.RuntimeContext;
import java.util.Optional;

/**
 * The map function of {@link JdbcLookup#enrich}: each subtask's copy holds its own copy of the
 * lookup, so its own cache and pool, and closes them when the subtask ends.
 */
final class JdbcEnrichFunction<I, K, V, O> implements MapFunction<I, O>, RichFunction {
  private static final long serialVersionUID = 1L;

  private final JdbcLookup<K, V> lookup;
  private final KeySelector<I, K> keyOf;
  private final JdbcLookup.SerializableBiFunction<I, Optional<V>, O> combine;

  JdbcEnrichFunction(JdbcLookup<K, V> lookup, KeySelector<I, K> keyOf,
      JdbcLookup.SerializableBiFunction<I, Optional<V>, O> combine) {
    this.lookup = lookup;
    this.keyOf = keyOf;
    this.combine = combine;
  }

  @Override
  public void open(RuntimeContext context) {
    // Opened lazily on the first record; nothing to do until then.
  }

  @Override
  public O map(I value) throws Exception {
    return combine.apply(value, lookup.lookup(keyOf.getKey(value)));
  }

  @Override
  public void close() {
    lookup.close();
  }
}
