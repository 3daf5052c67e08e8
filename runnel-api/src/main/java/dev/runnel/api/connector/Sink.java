package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;

/**
 * A factory of {@link SinkWriter}s, one per parallel subtask. The sink object is shared by all
 * subtasks; each writer is used by one thread at a time.
 *
 * @param <T> the type of the records it consumes
 */
@Public
public interface Sink<T> {
  /** Creates the writer of one subtask. Called once per subtask, before the job starts. */
  SinkWriter<T> createWriter(SinkContext context) throws Exception;

  /**
   * The largest parallelism this sink can run at; a sink writing one file returns 1. The sink's
   * default parallelism is capped at it, and asking for more is an error.
   */
  default int maxParallelism() {
    return Integer.MAX_VALUE;
  }

  /**
   * True if {@link SinkWriter#write} may block (a remote database, a slow device). Such a sink
   * runs on a thread of its own instead of a shared cooperative worker.
   */
  default boolean isBlocking() {
    return false;
  }

  /**
   * The committer of a two-phase-commit sink, or null (the default) for a sink whose writes are
   * visible at once. With checkpointing, a sink with a committer is exactly-once: what its writers
   * return from {@link SinkWriter#prepareCommit} at a checkpoint is stored in the checkpoint and
   * committed when the checkpoint completes. A sink without one is at-least-once: after a restore
   * it may see again what it saw after the last completed checkpoint.
   */
  default Committer<?> createCommitter() {
    return null;
  }
}
