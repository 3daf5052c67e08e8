package dev.runnel.runtime.operators.window;

import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.InternalKvState;

/** Looks up keyed state by any kind of descriptor and points it at a namespace (a window). */
final class WindowStates {
  private WindowStates() {}

  @SuppressWarnings("unchecked")
  static <S> S get(KeyedStateBackend backend, StateDescriptor<?, ?> descriptor,
      Object namespace) {
    InternalKvState<Object> state;
    if (descriptor instanceof ValueStateDescriptor<?> d) {
      state = backend.getPartitionedState(d);
    } else if (descriptor instanceof ListStateDescriptor<?> d) {
      state = backend.getPartitionedState(d);
    } else if (descriptor instanceof MapStateDescriptor<?, ?> d) {
      state = backend.getPartitionedState(d);
    } else if (descriptor instanceof ReducingStateDescriptor<?> d) {
      state = backend.getPartitionedState(d);
    } else if (descriptor instanceof AggregatingStateDescriptor<?, ?, ?> d) {
      state = backend.getPartitionedState(d);
    } else {
      throw new IllegalArgumentException("unknown kind of state descriptor: " + descriptor);
    }
    state.setCurrentNamespace(namespace);
    return (S) state;
  }
}
