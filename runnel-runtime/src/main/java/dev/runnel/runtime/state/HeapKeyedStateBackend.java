package dev.runnel.runtime.state;

import dev.runnel.api.state.State;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.util.HashMap;
import java.util.Map;

/**
 * Keyed state of one keyed operator subtask, kept in Java objects on the heap and split by key
 * group. States are created on first request and found again by name.
 */
public final class HeapKeyedStateBackend {
  private final KeyContext keys;
  private final Map<String, Registered> states = new HashMap<>();

  private record Registered(StateDescriptor<?, ?> descriptor, State state) {}

  public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism) {
    this.keys = new KeyContext(range, maxParallelism);
  }

  public KeyContext keys() {
    return keys;
  }

  public void setCurrentKey(Object key) {
    keys.setCurrentKey(key);
  }

  @SuppressWarnings("unchecked")
  public <T> ValueState<T> getValueState(ValueStateDescriptor<T> descriptor) {
    Registered r = states.computeIfAbsent(
        descriptor.name(), n -> new Registered(descriptor, new HeapValueState<T>(keys)));
    if (!(r.descriptor() instanceof ValueStateDescriptor<?>)
        || !r.descriptor().type().equals(descriptor.type())) {
      throw new IllegalStateException("state '" + descriptor.name() + "' is already registered as "
          + r.descriptor() + ", cannot register it again as " + descriptor);
    }
    return (ValueState<T>) r.state();
  }
}
