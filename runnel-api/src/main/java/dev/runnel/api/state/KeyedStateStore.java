package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/**
 * Where a function obtains keyed state by descriptor. A window function's {@code windowState()}
 * is one, scoped to the current key and window; its {@code globalState()} is scoped to the key
 * only.
 *
 * <pre>{@code
 * ValueState<Integer> firings = ctx.windowState()
 *     .getState(new ValueStateDescriptor<>("firings", Integer.class));
 * }</pre>
 */
@Public
public interface KeyedStateStore {
  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);

  <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

  <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor);
}
