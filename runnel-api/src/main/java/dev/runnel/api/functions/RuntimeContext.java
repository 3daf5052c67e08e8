package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.state.AggregatingState;
import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;

/**
 * What a function can learn about, and reach in, the subtask running it. Handed to
 * {@link RichFunction#open}; valid until {@link RichFunction#close}.
 *
 * <p>The {@code get...State} methods return keyed state, scoped to the key of the element being
 * processed. Only operators on a {@code KeyedStream} have keyed state; elsewhere they throw
 * {@link IllegalStateException}. Each name is one state: asking again for a name returns the same
 * state, and asking for it with another kind or type throws {@link IllegalStateException} naming
 * both descriptors. Call them in {@code open} and keep the result in a transient field.
 */
@Public
public interface RuntimeContext {
  String jobName();

  /** The name of the operator, as set with {@code name(...)} or derived from the API call. */
  String operatorName();

  /** Index of this parallel subtask, from 0 to {@code parallelism() - 1}. */
  int subtaskIndex();

  int parallelism();

  /** The number of key groups, which bounds how far the job can ever be scaled out. */
  int maxParallelism();

  /** The value state with the descriptor's name: one value per key. */
  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

  /** The list state with the descriptor's name: a list of elements per key. */
  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  /** The map state with the descriptor's name: a map of user keys to values per key. */
  <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);

  /** The reducing state with the descriptor's name: one value per key, folded on each add. */
  <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

  /** The aggregating state with the descriptor's name: one accumulator per key. */
  <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor);
}
