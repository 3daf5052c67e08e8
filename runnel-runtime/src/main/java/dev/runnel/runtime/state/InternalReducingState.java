package dev.runnel.runtime.state;

import dev.runnel.api.state.ReducingState;

/** A {@link ReducingState} with namespace control; merging reduces the values together. */
public interface InternalReducingState<N, T> extends InternalMergingState<N>, ReducingState<T> {}
