package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.util.List;

/**
 * A factory of {@link SourceReader}s, one per parallel subtask. The source object itself is shared
 * by all subtasks and must be safe to call from several threads; its readers are each used by one
 * thread at a time.
 *
 * <p>Splitting work among readers is the source's business: a reader learns its subtask index and
 * the parallelism from its {@link SourceReaderContext} and picks its share (files, ranges).
 *
 * @param <T> the type of the records it produces
 */
@Public
public interface Source<T> {
  Boundedness boundedness();

  /** Creates the reader of one subtask. Called once per subtask, before the job starts. */
  SourceReader<T> createReader(SourceReaderContext context) throws Exception;

  /**
   * The largest parallelism this source can run at; a source that reads one ordered sequence
   * (a collection, say) returns 1. The source's default parallelism is capped at it, and asking
   * for more is an error.
   */
  default int maxParallelism() {
    return Integer.MAX_VALUE;
  }

  /**
   * True if the reader may block in {@link SourceReader#pollNext} (a socket, a blocking client).
   * Such a source runs on a thread of its own instead of a shared cooperative worker.
   */
  default boolean isBlocking() {
    return false;
  }

  /**
   * True if this source's readers can report their position ({@link SourceReader#snapshotState})
   * and resume from it ({@link #restoreReader}). A job with checkpointing refuses to start with a
   * source that cannot, since it could not replay what a failure lost.
   */
  default boolean supportsCheckpoints() {
    return false;
  }

  /**
   * Creates the reader of one subtask that resumes from split states taken at a checkpoint. {@code
   * splitStates} is this subtask's share of what all readers of the checkpointed run returned from
   * {@link SourceReader#snapshotState}: at the same parallelism, exactly what this subtask's reader
   * returned; at another parallelism, the splits dealt round robin. A reader must read exactly
   * those splits, each from its position, and nothing else; unless the source deals splits by a
   * rule of its own, in which case it takes its share by that rule from {@link
   * SourceReaderContext#allRestoredSplitStates()}, so that together the readers still read every
   * split exactly once.
   */
  default SourceReader<T> restoreReader(SourceReaderContext context, List<Object> splitStates)
      throws Exception {
    throw new UnsupportedOperationException(
        getClass().getName() + " cannot resume from a checkpoint");
  }
}
