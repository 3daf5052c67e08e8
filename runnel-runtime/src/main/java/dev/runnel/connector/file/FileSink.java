package dev.runnel.connector.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes every record as one UTF-8 line: as JSON or as its {@code toString()}. Without checkpoints
 * it writes a single file; in a job with checkpoints it writes part files into a directory and is
 * exactly-once.
 *
 * <pre>{@code
 * orders.sinkTo(FileSink.jsonLines(Path.of("out/orders.jsonl")));
 * }</pre>
 *
 * <p><b>Without checkpoints</b> the path is one file, and one file means one writer: {@link
 * #maxParallelism()} is 1. The file is created when the job starts, with its parent directories;
 * an existing file is truncated. It is complete, flushed and fsynced, once the job has finished; a
 * failed or cancelled job leaves every line the sink had received (flushed when the writer is
 * closed), the last possibly cut. Errors name the file. The path {@link #STANDARD_OUTPUT} ({@code
 * Path.of("-")}) writes to standard output ({@link System#out}, never closed); it and files that
 * are not regular files ({@code /dev/stdout}, named pipes) are written as streams, each line
 * flushed as it is written so that a pipe sees results as they come.
 *
 * <p>Tools that must not overwrite earlier output by accident check the path with {@link
 * ExistingOutput} before the job runs.
 *
 * <p><b>With checkpoints</b> ({@link SinkContext#isCheckpointingEnabled()}) the path is a
 * directory, created if missing (an existing regular file there is an error), and the sink commits
 * in two phases. The writer of subtask {@code s} writes its records into part files named with a
 * sequence number {@code n} and the extension {@code jsonl} (JSON lines) or {@code txt} (text
 * lines); each part file goes through these names:
 *
 * <ol>
 *   <li>{@code .part-<s>-<n>.<ext>.inprogress}: created on the first record after the previous
 *       checkpoint (so no empty files are made), and written to until the next checkpoint.
 *   <li>{@code .part-<s>-<n>.<ext>.pending}: at the checkpoint barrier the writer flushes and
 *       fsyncs the in-progress file and renames it, and hands the sink's committer a {@link
 *       Committable} naming it. A writer that wrote nothing since the last checkpoint hands over
 *       nothing. The end of the input is handled as a last checkpoint.
 *   <li>{@code part-<s>-<n>.<ext>}: once the checkpoint is complete, the committer renames the
 *       pending file to this visible name and fsyncs the directory. Committing again is harmless.
 * </ol>
 *
 * <p>Readers should ignore hidden files (names starting with "."), as {@link FileSource} does: the
 * visible files hold exactly the records up to the last completed checkpoint. Before the job starts,
 * {@link Committer#recover} commits the pending files of the checkpoint the job resumes from and
 * deletes every other in-progress or pending part file in the directory, left there by a run that
 * failed after that checkpoint (or by an earlier run, on a fresh start); a restored job writes
 * their records again. A writer starts numbering after the highest {@code n} of any part file of
 * its subtask already in the directory, visible or hidden, so it never reuses a name; visible part
 * files of earlier runs are kept. Several sinks must not share a directory.
 *
 * @param <T> record type
 */
@Public
public final class FileSink<T> implements Sink<T> {
  /** The path that stands for standard output: {@code -}. Only without checkpoints. */
  public static final Path STANDARD_OUTPUT = Path.of("-");

  private final Path file;
  private final LineEncoder<? super T> encoder;
  /** Extension of part files, without the dot. */
  private final String extension;

  private FileSink(Path file, LineEncoder<? super T> encoder, String extension) {
    this.file = Objects.requireNonNull(file, "file");
    this.encoder = encoder;
    this.extension = extension;
  }

  /**
   * Each record as one JSON document per line, as Jackson writes it: records by their component
   * names, beans by their properties, {@code @JsonProperty} names where given. Types that need a
   * Jackson module (such as {@code java.time} values) are not supported.
   */
  public static <T> FileSink<T> jsonLines(Path file) {
    // One mapper per sink, shared by its writer: thread-safe once configured.
    ObjectMapper mapper = JsonMapper.builder().build();
    return new FileSink<>(file, mapper::writeValueAsString, "jsonl");
  }

  /**
   * Each record's {@code toString()} per line ({@code "null"} for null). A string containing a line
   * break becomes several lines.
   */
  public static FileSink<String> textLines(Path file) {
    return new FileSink<>(file, String::valueOf, "txt");
  }

  /**
   * The single-file writer, or with checkpoints the part-file writer of the context's subtask.
   *
   * @throws dev.runnel.api.RunnelException if the file or directory cannot be created, or the
   *     path is standard output in a job with checkpoints
   */
  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    if (context.isCheckpointingEnabled()) {
      if (file.equals(STANDARD_OUTPUT)) {
        throw new RunnelException("with checkpoints a file sink writes part files into a "
            + "directory, so it cannot write to standard output ('-')");
      }
      return PartFileSinkWriter.open(file, context.subtaskIndex(), extension, encoder);
    }
    return FileSinkWriter.open(file, encoder);
  }

  /** Renames pending part files to visible ones; used only in jobs with checkpoints. */
  @Override
  public Committer<Committable> createCommitter() {
    return new FileSinkCommitter(file);
  }

  /**
   * A part file pre-committed at a checkpoint: its pending name and the visible name the
   * committer gives it, both file names within the sink's directory (so the checkpoint stays
   * valid if the directory is moved).
   *
   * @param pendingFile e.g. {@code .part-0-3.jsonl.pending}
   * @param finalFile e.g. {@code part-0-3.jsonl}
   */
  public record Committable(String pendingFile, String finalFile) implements Serializable {
    public Committable {
      Objects.requireNonNull(pendingFile, "pendingFile");
      Objects.requireNonNull(finalFile, "finalFile");
    }
  }

  /**
   * Always 1: without checkpoints all records go to one file. (With checkpoints, writers of several
   * subtasks could share the directory, each with its own part files.)
   */
  @Override
  public int maxParallelism() {
    return 1;
  }

  /** The file written; with checkpoints, the directory of the part files. */
  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "FileSink(" + file + ")";
  }
}
