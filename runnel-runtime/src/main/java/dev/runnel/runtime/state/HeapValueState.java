package dev.runnel.runtime.state;

/**
 * A value state on the heap: the table maps (key, namespace) straight to the value, so a read is
 * one hash lookup and an update of an existing value changes a field.
 */
final class HeapValueState<N, T> extends AbstractHeapState<N, T> implements InternalValueState<N, T> {
  HeapValueState(KeyContext keys) {
    super(keys);
  }

  @Override
  public T value() {
    return table.get(namespace);
  }

  @Override
  public void update(T value) {
    if (value == null) {
      table.remove(namespace);
    } else {
      table.put(namespace, value);
    }
  }
}
