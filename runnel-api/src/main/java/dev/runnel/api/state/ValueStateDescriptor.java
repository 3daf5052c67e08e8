package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/**
 * Describes a {@link ValueState}.
 *
 * <pre>{@code new ValueStateDescriptor<>("total", Double.class)}</pre>
 *
 * @param <T> value type
 */
@Public
public final class ValueStateDescriptor<T> extends StateDescriptor<ValueState<T>, T> {
  private static final long serialVersionUID = 1L;

  public ValueStateDescriptor(String name, Class<T> type) {
    super(name, type);
  }
}
