package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.util.List;

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

  /**
   * First phase of a two-phase commit, at a checkpoint barrier (or at the end of input when
   * checkpointing is on): makes everything written so far durable but not yet visible, and returns
   * what the sink's {@link Committer} needs to make it visible. Records written later belong to
   * the next checkpoint. The default returns nothing, for sinks without a committer.
   *
   * @return the committables, each {@link java.io.Serializable}
   */
  default List<?> prepareCommit(long checkpointId) throws Exception {
    return List.of();
  }

  /**
   * Called when the input has ended: make everything written durable or visible. With
   * checkpointing and a committer, {@link #prepareCommit} is called instead and the committer
   * makes the last records visible once the final checkpoint completes.
   */
  default void finish() throws Exception {}

  @Override
  default void close() throws Exception {}
}
