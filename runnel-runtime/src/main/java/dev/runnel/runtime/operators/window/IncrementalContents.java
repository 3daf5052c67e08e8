package dev.runnel.runtime.operators.window;

import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.window.Evictor;
import dev.runnel.api.window.Window;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.InternalAggregatingState;
import dev.runnel.runtime.state.InternalMergingState;
import dev.runnel.runtime.state.InternalReducingState;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.ReduceFunction;
import java.util.Collection;
import java.util.Collections;

/**
 * Window contents folded as elements arrive, in a reducing or aggregating state: one value per
 * key and window, which is what the window function gets.
 */
final class IncrementalContents implements WindowContents {
  static final String STATE_NAME = "window-contents";

  private final InternalMergingState<Window> state;
  private final InternalReducingState<Window, Object> reducing;
  private final InternalAggregatingState<Window, Object, Object> aggregating;

  private IncrementalContents(InternalReducingState<Window, Object> reducing,
      InternalAggregatingState<Window, Object, Object> aggregating) {
    this.reducing = reducing;
    this.aggregating = aggregating;
    this.state = reducing != null ? reducing : aggregating;
  }

  static IncrementalContents reducing(KeyedStateBackend backend, ReduceFunction<Object> f) {
    return new IncrementalContents(
        backend.getPartitionedState(new ReducingStateDescriptor<>(STATE_NAME, f, Object.class)),
        null);
  }

  static IncrementalContents aggregating(
      KeyedStateBackend backend, AggregateFunction<Object, Object, Object> f) {
    return new IncrementalContents(null, backend.getPartitionedState(
        new AggregatingStateDescriptor<>(STATE_NAME, f, Object.class)));
  }

  @Override
  public void setWindow(Window stateWindow) {
    state.setCurrentNamespace(stateWindow);
  }

  @Override
  public void add(Object value, long timestamp) throws Exception {
    if (reducing != null) {
      reducing.add(value);
    } else {
      aggregating.add(value);
    }
  }

  @Override
  public Iterable<Object> forFiring(Window window, Evictor.Context ctx) throws Exception {
    Object value = reducing != null ? reducing.get() : aggregating.get();
    return value == null ? null : Collections.singletonList(value);
  }

  @Override
  public void clear() {
    state.clear();
  }

  @Override
  public void merge(Window target, Collection<Window> sources) throws Exception {
    state.mergeNamespaces(target, sources);
  }
}
