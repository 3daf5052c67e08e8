package dev.runnel.runtime.operators.window;

import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.window.Evictor;
import dev.runnel.api.window.Window;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.InternalListState;
import java.util.Collection;

/** Window contents that keep every element, for a window function that sees them all. */
final class ListContents implements WindowContents {
  private final InternalListState<Window, Object> state;

  ListContents(KeyedStateBackend backend) {
    this.state = backend.getPartitionedState(
        new ListStateDescriptor<>(IncrementalContents.STATE_NAME, Object.class));
  }

  @Override
  public void setWindow(Window stateWindow) {
    state.setCurrentNamespace(stateWindow);
  }

  @Override
  public void add(Object value, long timestamp) throws Exception {
    state.add(value);
  }

  @Override
  public Iterable<Object> forFiring(Window window, Evictor.Context ctx) throws Exception {
    Iterable<Object> values = state.get();
    return values.iterator().hasNext() ? values : null;
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
