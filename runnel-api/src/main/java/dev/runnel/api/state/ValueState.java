package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/**
 * One value per key. {@link #value()} is {@code null} for a key that has none yet.
 *
 * <pre>{@code
 * ValueState<Long> count = ctx.getState(new ValueStateDescriptor<>("count", Long.class));
 * Long c = count.value();
 * count.update(c == null ? 1 : c + 1);
 * }</pre>
 *
 * @param <T> value type
 */
@Public
public interface ValueState<T> extends State {
  /** The current key's value, or {@code null} if it has none (or it has expired, with TTL). */
  T value() throws Exception;

  /** Stores {@code value} for the current key; {@code null} clears it. */
  void update(T value) throws Exception;
}
