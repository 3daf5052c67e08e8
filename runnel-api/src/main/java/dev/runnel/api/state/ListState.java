package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;
import java.util.List;

/**
 * A list of values per key, kept in the order they were added. Elements must not be {@code null}.
 *
 * <pre>{@code
 * ListState<Order> pending = ctx.getListState(new ListStateDescriptor<>("pending", Order.class));
 * pending.add(order);
 * for (Order o : pending.get()) { ... }
 * pending.clear();
 * }</pre>
 *
 * <p>With {@linkplain StateDescriptor#enableTimeToLive time-to-live}, each element expires on its
 * own, counted from when it was added (or last read, with {@link StateTtlConfig.UpdateType#OnReadAndWrite}).
 *
 * @param <T> element type
 */
@Public
public interface ListState<T> extends State {
  /**
   * The current key's elements, oldest first; an empty iterable (never {@code null}) if it has
   * none. The iterable is read-only; do not keep it past the current element, nor change the
   * state while iterating it.
   */
  Iterable<T> get() throws Exception;

  /** Appends {@code value}. */
  void add(T value) throws Exception;

  /** Appends every element of {@code values}, in order; {@code null} or empty adds nothing. */
  void addAll(List<T> values) throws Exception;

  /** Replaces the current key's elements with {@code values}; {@code null} or empty clears them. */
  void update(List<T> values) throws Exception;
}
