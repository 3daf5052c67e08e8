package dev.runnel.runtime.state;

import dev.runnel.api.state.MapState;

/** A {@link MapState} with namespace control. */
public interface InternalMapState<N, K, V> extends InternalKvState<N>, MapState<K, V> {}
