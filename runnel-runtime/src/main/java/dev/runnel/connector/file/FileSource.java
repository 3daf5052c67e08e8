package dev.runnel.connector.file;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.DeadLetter;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A bounded source reading the lines of a file, or of every file in a directory, as text or as
 * JSON lines (one JSON object per line).
 *
 * <pre>{@code
 * FileSource<Order> source = FileSource.jsonLines(Path.of("orders/"), Order.class)
 *     .onBadRecord(BadRecordPolicy.DEAD_LETTER)
 *     .withRate(10_000) // optional: records per second, all subtasks together
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
 * <p><b>Standard input.</b> The path {@link #STANDARD_INPUT} ({@code Path.of("-")}, as Unix tools
 * spell it) reads the process's standard input ({@link System#in} when the reader opens), named
 * {@value #STANDARD_INPUT_NAME} in errors and dead letters; a file really called {@code -} is
 * {@code Path.of("./-")}. Standard input, and files that are not regular files (named pipes,
 * {@code /dev/stdin}), are read once, as streams: such a source does not support checkpoints,
 * and a job with checkpointing cannot use it.
 *
 * <p><b>Lines.</b> UTF-8, ending with {@code \n} or {@code \r\n}; the last may lack a
 * terminator. For JSON lines, blank lines are skipped; line numbers in errors still count them.
 *
 * <p><b>Bad lines.</b> A line that is not valid UTF-8 (text lines too), and a JSON line that does
 * not parse, is not an object or does not fit the record type, fails the job with a {@link
 * RecordDecodingException} ({@link BadRecordPolicy#FAIL}, the default), or becomes a {@link
 * DeadLetter} on the side output {@link #DEAD_LETTERS} ({@link BadRecordPolicy#DEAD_LETTER}). The
 * reason is in plain words, naming the field where one is at fault: {@code field 'user_id' is
 * missing}, {@code not valid JSON: …}, {@code invalid UTF-8 at byte 7 of the line} (bytes counted
 * from 1; the dead letter's line has U+FFFD in place of the bad bytes). Under {@code FAIL}, the
 * records of the lines before the bad one are handed on before the job fails, so a job that runs
 * as one chain (parallelism 1) writes them; between steps that exchange records, what is still in
 * flight when the job stops is not written.
 *
 * <p><b>Rate limit.</b> {@link Builder#withRate} caps the whole source at that many records per
 * second (lines that become records or dead letters; skipped blank lines are free): each of the
 * {@code p} subtasks emits at most {@code rate / p} per second. A subtask that has run out of files
 * does not hand its share to the others, so with fewer files than subtasks the source as a whole
 * stays below the rate. A reader over its budget returns {@link
 * dev.runnel.api.connector.InputStatus#NOTHING_AVAILABLE} instead of waiting, so it neither blocks
 * its worker thread nor spins; budget left unused (while backpressured, say) is kept only up to a
 * tenth of a second's worth, so the rate holds after a stall too.
 *
 * <p><b>Checkpoints.</b> Each file is one split; its state is a {@link SplitState}: the file's
 * path, the byte offset where its next line starts, how many lines were read before it (so that
 * line numbers in errors and dead letters stay right) and whether it was read to its end. A reader
 * restored from split states reads exactly those files, each from its offset, skipping finished
 * ones, and does not list the input directory again: files added to it since the checkpoint are
 * not read by a restored job. The files must not change between the checkpoint and the restore.
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

  /** The path that stands for standard input: {@code -}. */
  public static final Path STANDARD_INPUT = Path.of("-");

  /** How errors and dead letters name standard input. */
  public static final String STANDARD_INPUT_NAME = "<stdin>";

  private final Path path;
  private final LineDecoder<T> decoder;
  private final BadRecordPolicy badRecordPolicy;
  /** Records per second for the whole source; 0 for no limit. */
  private final long recordsPerSecond;
  private final LongSupplier nanoClock;

  private FileSource(Builder<T> builder) {
    this.path = builder.path;
    this.decoder = builder.decoder;
    this.badRecordPolicy = builder.badRecordPolicy;
    this.recordsPerSecond = builder.recordsPerSecond;
    this.nanoClock = builder.nanoClock;
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

  /**
   * As {@link #jsonLines(Path, Class)}, with Jackson context attributes that {@code type}'s
   * deserializer reads with {@code DeserializationContext.getAttribute}: settings of this one
   * source, such as the input field each property is read from.
   */
  public static <T> Builder<T> jsonLines(Path path, Class<T> type, Map<?, ?> attributes) {
    Objects.requireNonNull(type, "type");
    return new Builder<>(path, JsonLineDecoder.to(type, Map.copyOf(attributes)));
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
        FileSourceReader.fromStart(
            FileSplits.assignedTo(files, context.subtaskIndex(), context.parallelism())),
        decoder,
        badRecordPolicy,
        rateLimiter(context));
  }

  /** False for standard input and other files that cannot seek: they cannot be read again. */
  @Override
  public boolean supportsCheckpoints() {
    return isSeekable(path);
  }

  /**
   * True for standard input, pipes and terminals: a read may wait for the writer, so the reader
   * gets a thread of its own. A reader hands on what it read before each wait.
   */
  @Override
  public boolean isBlocking() {
    return !isSeekable(path);
  }

  /** True if {@code path} is a file or directory that can be read again from an offset. */
  private static boolean isSeekable(Path path) {
    return !path.equals(STANDARD_INPUT) && (Files.isRegularFile(path) || Files.isDirectory(path));
  }

  /**
   * A reader of exactly the files in {@code splitStates} ({@link SplitState}s), each from its
   * offset; finished ones are kept in its state but not read.
   */
  @Override
  public SourceReader<T> restoreReader(SourceReaderContext context, List<Object> splitStates) {
    List<SplitState> splits = new ArrayList<>(splitStates.size());
    for (Object state : splitStates) {
      if (!(state instanceof SplitState split)) {
        throw new IllegalArgumentException("not a split state of a FileSource: "
            + (state == null ? "null" : state.getClass().getName() + " " + state));
      }
      splits.add(split);
    }
    return new FileSourceReader<>(splits, decoder, badRecordPolicy, rateLimiter(context));
  }

  /**
   * Where one file of a file source is, at a checkpoint.
   *
   * @param file the file's path, as the source found it
   * @param offset byte offset in the file where the next line starts (the file's size once read)
   * @param lineNumber how many lines of the file were read before that offset, blank ones included
   * @param finished true once the file has been read to its end
   */
  public record SplitState(String file, long offset, long lineNumber, boolean finished)
      implements Serializable {
    public SplitState {
      Objects.requireNonNull(file, "file");
      if (offset < 0 || lineNumber < 0) {
        throw new IllegalArgumentException(
            "invalid position in " + file + ": offset " + offset + ", line " + lineNumber);
      }
    }
  }

  /** Records per second for the whole source, or 0 if it is not rate-limited. */
  public long rate() {
    return recordsPerSecond;
  }

  private RateLimiter rateLimiter(SourceReaderContext context) {
    return recordsPerSecond == 0
        ? null
        : new RateLimiter(recordsPerSecond, context.parallelism(), nanoClock);
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
    return "FileSource(" + FileSourceReader.displayName(path) + ")";
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
    private long recordsPerSecond;
    private LongSupplier nanoClock = System::nanoTime;

    private Builder(Path path, LineDecoder<T> decoder) {
      this.path = Objects.requireNonNull(path, "path");
      this.decoder = decoder;
    }

    /** What to do with lines that cannot be decoded; {@link BadRecordPolicy#FAIL} by default. */
    public Builder<T> onBadRecord(BadRecordPolicy policy) {
      this.badRecordPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Limits the whole source (all subtasks together) to {@code recordsPerSecond} records per
     * second; each of {@code p} subtasks gets {@code recordsPerSecond / p}. Unlimited by default.
     *
     * @throws IllegalArgumentException if {@code recordsPerSecond} is not positive
     */
    public Builder<T> withRate(long recordsPerSecond) {
      if (recordsPerSecond <= 0) {
        throw new IllegalArgumentException("rate must be > 0, was " + recordsPerSecond);
      }
      this.recordsPerSecond = recordsPerSecond;
      return this;
    }

    /** The clock the rate limit measures time with; for tests. */
    Builder<T> withNanoClock(LongSupplier nanoClock) {
      this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
      return this;
    }

    /** @throws dev.runnel.api.RunnelException if the path does not exist */
    public FileSource<T> build() {
      FileSplits.requireExists(path);
      return new FileSource<>(this);
    }
  }
}
