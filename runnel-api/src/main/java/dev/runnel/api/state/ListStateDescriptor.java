package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/**
 * Describes a {@link ListState}.
 *
 * <pre>{@code new ListStateDescriptor<>("pending", Order.class)}</pre>
 *
 * @param <T> element type
 */
@Public
public final class ListStateDescriptor<T> extends StateDescriptor<ListState<T>, T> {
  private static final long serialVersionUID = 1L;

  public ListStateDescriptor(String name, Class<T> elementType) {
    super(name, elementType);
  }
}
