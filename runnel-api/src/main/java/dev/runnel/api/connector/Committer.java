package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.util.List;

/**
 * The second phase of a two-phase-commit sink: makes visible what the sink's writers pre-committed
 * ({@link SinkWriter#prepareCommit}) once the checkpoint that holds it is complete. One committer
 * serves the whole sink, on the job's checkpoint thread.
 *
 * <p>Commits must be idempotent: after a failure the same committable may be committed again
 * (from the restored checkpoint), and committing one that already was must change nothing.
 *
 * @param <C> what a writer hands over at a checkpoint (a pending file's name, a transaction id);
 *     must be {@link java.io.Serializable}, since it is stored in the checkpoint
 */
@Public
public interface Committer<C> {
  /** Makes the committables visible; they belong to a completed checkpoint. */
  void commit(List<C> committables) throws Exception;

  /**
   * Called once before a job starts, restored or not: commits {@code restored} (the committables
   * of the checkpoint the job restores from; empty for a fresh start) and discards whatever earlier
   * runs wrote that is not part of it (in-progress files, open transactions). The default commits.
   */
  default void recover(List<C> restored) throws Exception {
    commit(restored);
  }
}
