package dev.runnel.runtime.state;

import dev.runnel.api.state.ListState;

/** A {@link ListState} with namespace control; merging concatenates the lists. */
public interface InternalListState<N, T> extends InternalMergingState<N>, ListState<T> {}
