package dev.runnel.runtime.state;

import dev.runnel.api.state.State;

/**
 * The runtime's view of a keyed state: besides the current key (set on the backend), it reads and
 * writes one namespace, which operators choose. A window operator sets the window as namespace
 * before calling user code, and clears a window's state with {@link #setCurrentNamespace} then
 * {@link #clear()}. Until set, the namespace is {@link VoidNamespace#INSTANCE}.
 *
 * <p>The namespace is a field of the state object, shared by everyone holding it: whoever uses
 * namespaces must set one before each access.
 *
 * @param <N> namespace type; needs {@code equals} and {@code hashCode}
 */
public interface InternalKvState<N> extends State {
  void setCurrentNamespace(N namespace);

  N currentNamespace();
}
