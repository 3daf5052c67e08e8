package dev.runnel.connector.file;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.DeadLetter;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded source reading the lines of a file, or of every file in a directory, as text or as
 * JSON lines (one JSON object per line).
 *
 * <pre>{@code
 * FileSource<Order> source = FileSource.jsonLines(Path.of("orders/"), Order.class)
 *     .onBadRecord(BadRecordPolicy.DEAD_LETTER)
 *     .build();
 * DataStream<Order> orders = env.fromSource(source, "orders");
 * DataStream<DeadLetter> rejected = orders.getSideOutput(FileSource.DEAD_LETTERS);
 * }</pre>
 *
 * <p><b>Files and parallelism.</b> For a directory, its regular files are read (not those in
 * subdirectories, and not those whose names start with "." or "_"), sorted by name. Each file is
 * read whole by one subtask, in order: with parallelism {@code p}, subtask {@code s} reads files
 * {@code s, s+p, s+2p, …} of that list, one after another. So parallelism beyond the number of
 * files gains nothing, and a single large file is read by one subtask. The directory is listed
 * when the readers are created; files added or removed while the job starts may be missed or read
 * twice, so finish writing the input first.
 *
 * <p><b>Lines.</b> UTF-8, ending with {@code \n} or {@code \r\n}; the last may lack a
 * terminator. For JSON lines, blank lines are skipped; line numbers in errors still count them.
 *
 * <p><b>Bad lines.</b> A JSON line that does not parse, is not an object or does not fit the
 * record type fails the job with a {@link RecordDecodingException} ({@link BadRecordPolicy#FAIL},
 * the default), or becomes a {@link DeadLetter} on the side output {@link #DEAD_LETTERS} ({@link
 * BadRecordPolicy#DEAD_LETTER}). Text lines are never bad; malformed UTF-8 becomes U+FFFD.
 *
 * <p>Thread-safe: one source serves all subtasks; each gets its own reader.
 *
 * @param <T> record type
 */
@Public
public final class FileSource<T> implements Source<T> {
  /**
   * Side output carrying DeadLetter records for lines that cannot be decoded (when policy is
   * DEAD_LETTER).
   */
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters");

  private final Path path;
  private final LineDecoder<T> decoder;
  private final BadRecordPolicy badRecordPolicy;

  private FileSource(Builder<T> builder) {
    this.path = builder.path;
    this.decoder = builder.decoder;
    this.badRecordPolicy = builder.badRecordPolicy;
  }

  /** Each line as a String, without its line terminator; blank lines included. */
  public static Builder<String> textLines(Path path) {
    return new Builder<>(path, TextLineDecoder.INSTANCE);
  }

  /**
   * Each line a JSON object, as a {@link java.util.LinkedHashMap} in field order; nested objects
   * are maps too, arrays are lists.
   */
  public static Builder<Map<String, Object>> jsonLines(Path path) {
    return new Builder<>(path, JsonLineDecoder.toMap());
  }

  /**
   * Each line a JSON object, converted to {@code type} by Jackson: a Java record or a bean, with
   * {@code @JsonProperty} names if the JSON's differ. Properties {@code type} lacks are ignored.
   */
  public static <T> Builder<T> jsonLines(Path path, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return new Builder<>(path, JsonLineDecoder.to(type));
  }

  @Override
  public Boundedness boundedness() {
    return Boundedness.BOUNDED;
  }

  /** @throws dev.runnel.api.RunnelException if the path no longer exists */
  @Override
  public SourceReader<T> createReader(SourceReaderContext context) {
    List<Path> files = FileSplits.list(path);
    return new FileSourceReader<>(
        FileSplits.assignedTo(files, context.subtaskIndex(), context.parallelism()),
        decoder,
        badRecordPolicy);
  }

  /** The file or directory read. */
  public Path path() {
    return path;
  }

  public BadRecordPolicy badRecordPolicy() {
    return badRecordPolicy;
  }

  @Override
  public String toString() {
    return "FileSource(" + path + ")";
  }

  /**
   * Configures a {@link FileSource}; get one from {@link FileSource#textLines} or {@link
   * FileSource#jsonLines}.
   *
   * <pre>{@code
   * FileSource.jsonLines(path).onBadRecord(BadRecordPolicy.DEAD_LETTER).build();
   * }</pre>
   *
   * @param <T> record type
   */
  @Public
  public static final class Builder<T> {
    private final Path path;
    private final LineDecoder<T> decoder;
    private BadRecordPolicy badRecordPolicy = BadRecordPolicy.FAIL;

    private Builder(Path path, LineDecoder<T> decoder) {
      this.path = Objects.requireNonNull(path, "path");
      this.decoder = decoder;
    }

    /** What to do with lines that cannot be decoded; {@link BadRecordPolicy#FAIL} by default. */
    public Builder<T> onBadRecord(BadRecordPolicy policy) {
      this.badRecordPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** @throws dev.runnel.api.RunnelException if the path does not exist */
    public FileSource<T> build() {
      FileSplits.requireExists(path);
      return new FileSource<>(this);
    }
  }
}
