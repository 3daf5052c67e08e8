package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.util.List;

/**
 * Reads the records of one source subtask.
 *
 * <p><b>Threading and blocking.</b> Unless its source says {@link Source#isBlocking()}, a reader
 * runs on a shared cooperative worker thread: {@link #pollNext} must return quickly (within about
 * a millisecond), emitting a bounded batch of records and returning {@link
 * InputStatus#NOTHING_AVAILABLE} rather than waiting. The runtime calls {@code pollNext} again
 * only when the downstream queues have room, which is how backpressure reaches the source.
 *
 * <p><b>Lifecycle.</b> {@link #open} once, then {@code pollNext} until it returns {@link
 * InputStatus#END_OF_INPUT} or the job stops, then {@link #close} once, always.
 *
 * @param <T> record type
 */
@Public
public interface SourceReader<T> extends AutoCloseable {
  default void open() throws Exception {}

  /** Emits zero or more records to {@code output} and says whether more are available. */
  InputStatus pollNext(ReaderOutput<T> output) throws Exception;

  /**
   * The position of every split this reader owns, at a checkpoint barrier: called between two
   * {@link #pollNext} calls, so that exactly the records emitted so far are before the barrier.
   * Each element must be {@link java.io.Serializable}; finished splits should be included (marked
   * finished) so that a restored job does not read them again. Only called if the source {@link
   * Source#supportsCheckpoints()}.
   */
  default List<?> snapshotState(long checkpointId) throws Exception {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot take part in a checkpoint");
  }

  /**
   * Checkpoint {@code checkpointId} is complete: its metadata is written, so a restore will start
   * from it or a later one. A reader may tell an outside system of the progress it covers (commit
   * offsets to a consumer group, say) but must not rely on that for correctness: a checkpoint
   * may complete without this call (the job stops first), and notices of several checkpoints may
   * come together, oldest first.
   *
   * <p>Called on the reader's own thread, between two {@link #pollNext} calls, never after
   * {@link #close}; so a reader that uses a client that is not thread-safe may use it here.
   * Default: nothing.
   */
  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  @Override
  default void close() throws Exception {}
}
