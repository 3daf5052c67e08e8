package dev.runnel.api.functions;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;

/**
 * What a function can learn about, and reach in, the subtask running it. Handed to
 * {@link RichFunction#open}; valid until {@link RichFunction#close}.
 */
@Public
public interface RuntimeContext {
  String jobName();

  /** The name of the operator, as set with {@code name(...)} or derived from the API call. */
  String operatorName();

  /** Index of this parallel subtask, from 0 to {@code parallelism() - 1}. */
  int subtaskIndex();

  int parallelism();

  /** The number of key groups, which bounds how far the job can ever be scaled out. */
  int maxParallelism();

  /**
   * Returns the value state registered under the descriptor's name, scoped to the key of the
   * element being processed. Only operators on a {@code KeyedStream} have keyed state; elsewhere
   * this throws {@link IllegalStateException}.
   */
  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);
}
