package dev.runnel.runtime.state;

import dev.runnel.api.state.ValueState;
import java.util.HashMap;

/**
 * A {@link ValueState} on the heap: one hash map per key group, so that a key group's state can be
 * snapshotted and handed to another subtask on its own.
 */
final class HeapValueState<T> implements ValueState<T> {
  private final KeyContext keys;
  private final HashMap<Object, Object>[] byKeyGroup;

  @SuppressWarnings("unchecked")
  HeapValueState(KeyContext keys) {
    this.keys = keys;
    this.byKeyGroup = new HashMap[keys.range().size()];
    for (int i = 0; i < byKeyGroup.length; i++) {
      byKeyGroup[i] = new HashMap<>();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T value() {
    keys.checkKeySet();
    return (T) byKeyGroup[keys.currentKeyGroupIndex()].get(keys.currentKey());
  }

  @Override
  public void update(T value) {
    keys.checkKeySet();
    HashMap<Object, Object> table = byKeyGroup[keys.currentKeyGroupIndex()];
    if (value == null) {
      table.remove(keys.currentKey());
    } else {
      table.put(keys.currentKey(), value);
    }
  }

  @Override
  public void clear() {
    keys.checkKeySet();
    byKeyGroup[keys.currentKeyGroupIndex()].remove(keys.currentKey());
  }

  /** Number of keys with a value, over all key groups; for tests and metrics. */
  int size() {
    int n = 0;
    for (HashMap<Object, Object> m : byKeyGroup) {
      n += m.size();
    }
    return n;
  }
}
