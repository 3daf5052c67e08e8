package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/**
 * Root of the keyed state types. Every state is scoped to the key of the element being processed
 * (and, inside a window, to the window): reads and writes see only that key's value. A state
 * object is obtained once, usually in {@code open}, and used for every key; it must not be used
 * from other threads or outside the processing of an element.
 */
@Public
public interface State {
  /** Removes the value of the current key. */
  void clear();
}
