package dev.runnel.connector.file;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.Committer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committer of a {@link FileSink}: renames pending part files to their visible names, and on
 * recovery removes the part files no checkpoint holds. See the sink's class comment.
 */
final class FileSinkCommitter implements Committer<FileSink.Committable> {
  private static final Logger LOG = LoggerFactory.getLogger(FileSinkCommitter.class);

  private final Path directory;

  FileSinkCommitter(Path directory) {
    this.directory = directory;
  }

  /**
   * Renames each pending file to its final name and syncs the directory. A committable whose
   * pending file is gone and whose final file exists was committed already, and is skipped.
   *
   * @throws RunnelException if neither file exists: the records of a completed checkpoint are lost
   */
  @Override
  public void commit(List<FileSink.Committable> committables) {
    boolean renamed = false;
    for (FileSink.Committable committable : committables) {
      Path pending = directory.resolve(committable.pendingFile());
      Path visible = directory.resolve(committable.finalFile());
      try {
        Files.move(pending, visible, StandardCopyOption.ATOMIC_MOVE);
        renamed = true;
        LOG.debug("committed {}", visible);
      } catch (IOException e) {
        if (Files.exists(visible) && !Files.exists(pending)) {
          continue; // committed before
        }
        throw new RunnelException("cannot commit output file " + pending + " as " + visible
            + (Files.exists(pending) ? ": " + e : ": the pending file is missing"), e);
      }
    }
    if (renamed) {
      PartFiles.syncDirectory(directory);
    }
  }

  /**
   * Commits {@code restored}, then deletes every other in-progress and pending part file in the
   * directory: they were written after the checkpoint the job resumes from (or, on a fresh start,
   * by an earlier run), and their records will be written again. Does nothing more when the sink's
   * path is not a directory (nothing was written with checkpoints there).
   */
  @Override
  public void recover(List<FileSink.Committable> restored) {
    commit(restored);
    if (!Files.isDirectory(directory)) {
      return;
    }
    List<Path> leftovers = PartFiles.uncommitted(directory);
    for (Path file : leftovers) {
      try {
        Files.deleteIfExists(file);
        LOG.debug("discarded {}", file);
      } catch (IOException e) {
        throw new RunnelException("cannot delete uncommitted output file " + file + ": " + e, e);
      }
    }
    if (!leftovers.isEmpty()) {
      PartFiles.syncDirectory(directory);
    }
  }
}
