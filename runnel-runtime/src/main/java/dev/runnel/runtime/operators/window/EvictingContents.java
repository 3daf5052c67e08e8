package dev.runnel.runtime.operators.window;

import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.window.Evictor;
import dev.runnel.api.window.TimestampedValue;
import dev.runnel.api.window.Window;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.InternalListState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Window contents for a window with an {@link Evictor}: every element with its timestamp. On
 * firing, the evictor sees them first; what remains is folded by the reduce or aggregate function
 * if there is one, else given to the window function as it is; after the window function the
 * evictor may remove more, and what remains is written back.
 */
final class EvictingContents implements WindowContents {
  private final InternalListState<Window, TimestampedValue<Object>> state;
  private final Evictor<Object, Window> evictor;
  private final ReduceFunction<Object> reduceFunction;
  private final AggregateFunction<Object, Object, Object> aggregateFunction;
  private List<TimestampedValue<Object>> firing;

  @SuppressWarnings({"unchecked", "rawtypes"})
  EvictingContents(KeyedStateBackend backend, Evictor<Object, Window> evictor,
      ReduceFunction<Object> reduceFunction,
      AggregateFunction<Object, Object, Object> aggregateFunction) {
    this.state = backend.getPartitionedState(
        new ListStateDescriptor<>(IncrementalContents.STATE_NAME, (Class) TimestampedValue.class));
    this.evictor = evictor;
    this.reduceFunction = reduceFunction;
    this.aggregateFunction = aggregateFunction;
  }

  @Override
  public void setWindow(Window stateWindow) {
    state.setCurrentNamespace(stateWindow);
  }

  @Override
  public void add(Object value, long timestamp) throws Exception {
    state.add(new TimestampedValue<>(value, timestamp));
  }

  @Override
  public Iterable<Object> forFiring(Window window, Evictor.Context ctx) throws Exception {
    firing = new ArrayList<>();
    for (TimestampedValue<Object> e : state.get()) {
      firing.add(e);
    }
    if (firing.isEmpty()) {
      return null;
    }
    evictor.evictBefore(firing, firing.size(), window, ctx);
    if (reduceFunction != null) {
      Object folded = null;
      for (TimestampedValue<Object> e : firing) {
        folded = folded == null ? e.value() : reduceFunction.reduce(folded, e.value());
      }
      return folded == null ? List.of() : Collections.singletonList(folded);
    }
    if (aggregateFunction != null) {
      Object acc = aggregateFunction.createAccumulator();
      for (TimestampedValue<Object> e : firing) {
        acc = aggregateFunction.add(e.value(), acc);
      }
      return Collections.singletonList(aggregateFunction.getResult(acc));
    }
    List<Object> values = new ArrayList<>(firing.size());
    for (TimestampedValue<Object> e : firing) {
      values.add(e.value());
    }
    return values;
  }

  @Override
  public void afterFiring(Window window, Evictor.Context ctx) throws Exception {
    evictor.evictAfter(firing, firing.size(), window, ctx);
    state.update(firing);
    firing = null;
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
