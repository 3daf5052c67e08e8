package dev.runnel.runtime.state;

import dev.runnel.api.state.ValueState;

/** A {@link ValueState} with namespace control. */
public interface InternalValueState<N, T> extends InternalKvState<N>, ValueState<T> {}
