package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/** Root of the keyed state types. Every state is scoped to the key of the current element. */
@Public
public interface State {
  /** Removes the value of the current key. */
  void clear();
}
