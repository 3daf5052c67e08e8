package dev.runnel.runtime.state;

import dev.runnel.api.state.AggregatingState;

/**
 * An {@link AggregatingState} with namespace control; merging merges the accumulators with
 * {@link dev.runnel.api.functions.AggregateFunction#merge}.
 */
public interface InternalAggregatingState<N, IN, OUT>
    extends InternalMergingState<N>, AggregatingState<IN, OUT> {}
