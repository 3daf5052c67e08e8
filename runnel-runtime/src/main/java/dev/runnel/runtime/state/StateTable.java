package dev.runnel.runtime.state;

/**
 * All values of one state in one subtask: a {@link StateMap} per key group of the subtask's range,
 * addressed through the current key of the {@link KeyContext} and a namespace.
 *
 * @param <N> namespace type
 * @param <S> stored value type
 */
public final class StateTable<N, S> {
  private final KeyContext keys;
  private final StateMap<N, S>[] byKeyGroup;

  @SuppressWarnings({"unchecked", "rawtypes"})
  StateTable(KeyContext keys) {
    this.keys = keys;
    this.byKeyGroup = new StateMap[keys.range().size()];
    for (int i = 0; i < byKeyGroup.length; i++) {
      byKeyGroup[i] = new StateMap<>();
    }
  }

  /** The current key's value in {@code namespace}, or null. */
  S get(N namespace) {
    keys.checkKeySet();
    return byKeyGroup[keys.currentKeyGroupIndex()]
        .get(keys.currentKey(), keys.currentKeyHash(), namespace);
  }

  /** Sets the current key's value in {@code namespace}; {@code value} must not be null. */
  void put(N namespace, S value) {
    keys.checkKeySet();
    byKeyGroup[keys.currentKeyGroupIndex()]
        .put(keys.currentKey(), keys.currentKeyHash(), namespace, value);
  }

  /** Removes the current key's value in {@code namespace}; returns it, or null if none. */
  S remove(N namespace) {
    keys.checkKeySet();
    return byKeyGroup[keys.currentKeyGroupIndex()]
        .remove(keys.currentKey(), keys.currentKeyHash(), namespace);
  }

  /** The values of the key group at {@code index} of the subtask's range; for snapshots. */
  public StateMap<N, S> keyGroup(int index) {
    return byKeyGroup[index];
  }

  public int keyGroupCount() {
    return byKeyGroup.length;
  }

  /** Number of (key, namespace) mappings over all key groups. */
  public int size() {
    int n = 0;
    for (StateMap<N, S> m : byKeyGroup) {
      n += m.size();
    }
    return n;
  }

  /** {@link StateMap#transformAll} over every key group; returns how many mappings were removed. */
  int transformAll(StateMap.ValueTransform<N, S> transform) {
    int removed = 0;
    for (StateMap<N, S> m : byKeyGroup) {
      removed += m.transformAll(transform);
    }
    return removed;
  }
}
