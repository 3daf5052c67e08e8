package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;

/**
 * Writes the records of one sink subtask.
 *
 * <p><b>Lifecycle.</b> {@link #write} for each record; {@link #finish} once when the input has
 * ended normally (flush everything: the job is reported finished after it returns); {@link
 * #close} once at the very end, also after a failure or a cancellation, when {@code finish} was
 * not called.
 *
 * @param <T> record type
 */
@Public
public interface SinkWriter<T> extends AutoCloseable {
  void write(T record) throws Exception;

  /** Called when the input has ended: make everything written durable or visible. */
  default void finish() throws Exception {}

  @Override
  default void close() throws Exception {}
}
