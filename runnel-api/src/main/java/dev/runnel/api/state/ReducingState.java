package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;

/**
 * One value per key that folds in everything {@linkplain #add added} with a {@link
 * dev.runnel.api.functions.ReduceFunction}; only the folded value is kept.
 *
 * <pre>{@code
 * ReducingState<Long> max = ctx.getReducingState(
 *     new ReducingStateDescriptor<>("max", Math::max, Long.class));
 * max.add(reading.value());
 * Long highest = max.get();
 * }</pre>
 *
 * @param <T> value type
 */
@Public
public interface ReducingState<T> extends State {
  /** The folded value of the current key, or {@code null} if nothing was added. */
  T get() throws Exception;

  /** Folds {@code value} into the current key's value; the first value is kept as is. */
  void add(T value) throws Exception;
}
