package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/**
 * One value per key. {@link #value()} is {@code null} for a key that has none yet.
 *
 * @param <T> value type
 */
@Public
public interface ValueState<T> extends State {
  T value() throws Exception;

  /** Stores {@code value} for the current key; {@code null} clears it. */
  void update(T value) throws Exception;
}
