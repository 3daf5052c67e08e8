package dev.runnel.connector.file;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Public;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The output of an earlier run that a {@link FileSink} would find at its path: without
 * checkpoints, a regular file that is not empty; with checkpoints, the part files in its directory
 * (committed or not, see {@link FileSink}). Other things are never counted as output and never
 * deleted: an empty file, standard output, a pipe or a device, and in a directory every file and
 * subdirectory whose name is not a part file's.
 *
 * <p>For tools that must not add a second copy of a result by accident: check before the job
 * runs, refuse if {@link #isEmpty()} is false, and {@link #delete()} only when the user asked to
 * replace the output. A job restored from a checkpoint must keep the output it finds, since its
 * checkpoint refers to it.
 *
 * <pre>{@code
 * ExistingOutput existing = ExistingOutput.at(Path.of("alerts/"), true);
 * if (!existing.isEmpty()) {
 *   System.err.println(existing.describe()); // output directory alerts already holds 3 ...
 * }
 * }</pre>
 *
 * <p>A snapshot of what was there when it was made; immutable.
 */
@Public
public final class ExistingOutput {
  private final Path path;
  private final boolean directory;
  private final List<Path> files;

  private ExistingOutput(Path path, boolean directory, List<Path> files) {
    this.path = path;
    this.directory = directory;
    this.files = List.copyOf(files);
  }

  /**
   * What is at {@code path} now.
   *
   * @param checkpointing whether the sink runs in a job with checkpoints (and so writes part
   *     files into a directory)
   * @throws RunnelException if the directory cannot be listed
   */
  public static ExistingOutput at(Path path, boolean checkpointing) {
    if (path.equals(FileSink.STANDARD_OUTPUT)) {
      return new ExistingOutput(path, false, List.of());
    }
    if (checkpointing) {
      return new ExistingOutput(path, true,
          Files.isDirectory(path) ? PartFiles.all(path) : List.of());
    }
    return new ExistingOutput(path, false, isNonEmptyRegularFile(path) ? List.of(path) : List.of());
  }

  /** True if there is no earlier output at the path. */
  public boolean isEmpty() {
    return files.isEmpty();
  }

  /** The files that hold earlier output: the output file, or the part files in the directory. */
  public List<Path> files() {
    return files;
  }

  /**
   * What is there, in a few words: {@code output file out.jsonl already exists (1234 bytes)} or
   * {@code output directory out already holds 3 part files (part-0-0.jsonl, …)}.
   */
  public String describe() {
    if (!directory) {
      return "output file " + path + " already exists (" + size(path) + " bytes)";
    }
    StringBuilder s = new StringBuilder("output directory ").append(path)
        .append(" already holds ").append(files.size())
        .append(files.size() == 1 ? " part file (" : " part files (")
        .append(files.get(0).getFileName());
    if (files.size() > 1) {
      s.append(", …");
    }
    return s.append(")").toString();
  }

  /**
   * Deletes the earlier output: the output file, or the part files of the directory (the
   * directory itself and anything else in it stay), and makes the deletions durable.
   *
   * @throws RunnelException naming the file that could not be deleted
   */
  public void delete() {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new RunnelException("cannot delete earlier output " + file + ": " + e, e);
      }
    }
    if (directory && !files.isEmpty()) {
      PartFiles.syncDirectory(path);
    }
  }

  @Override
  public String toString() {
    return isEmpty() ? "no output at " + path : describe();
  }

  private static boolean isNonEmptyRegularFile(Path path) {
    return Files.isRegularFile(path) && size(path) > 0;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // gone since it was found: then it holds nothing to protect
    }
  }
}
