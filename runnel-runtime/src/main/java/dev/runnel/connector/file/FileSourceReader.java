package dev.runnel.connector.file;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.DeadLetter;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.RejectedRecordException;
import dev.runnel.api.connector.SourceReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files (splits) assigned to one subtask of a {@link FileSource}, one after another, line
 * by line, each from its start or from the position it was restored at. Cooperative: each {@link
 * #pollNext} reads at most {@link #MAX_LINES_PER_POLL} lines, and with a rate limit emits no more
 * than its budget allows, returning {@link InputStatus#NOTHING_AVAILABLE} when it is spent.
 *
 * <p>Where it is, for checkpoints: {@link #snapshotState} gives one {@link FileSource.SplitState}
 * per file, finished ones included; {@link #currentFile()}, {@link #position()} (byte offset of the
 * next line in it) and {@link #lineNumber()} tell the same for the file being read.
 *
 * @param <T> record type
 */
final class FileSourceReader<T> implements SourceReader<T> {
  private static final Logger LOG = LoggerFactory.getLogger(FileSourceReader.class);

  /** Keeps one call around a millisecond for ordinary line lengths. */
  static final int MAX_LINES_PER_POLL = 1024;

  // Configuration
  private final List<Path> files;
  private final LineDecoder<T> decoder;
  private final BadRecordPolicy badRecordPolicy;
  /** Null without a rate limit. */
  private final RateLimiter rateLimiter;

  // Progress: per split, where its next line starts and how many lines were read before it.
  private final long[] offsets;
  private final long[] lineNumbers;
  private final boolean[] finished;
  /** Index of the split being read, or of the next one to open when {@link #lines} is null. */
  private int current;
  private Path currentFile;
  private LineReader lines;
  private long lineNumber;
  /** A bad line's failure, thrown at the next poll once the records before it are handed on. */
  private RecordDecodingException pendingFailure;
  /** Byte offset where the line of {@link #pendingFailure} starts. */
  private long failedLineStart;

  /**
   * Reads each split from its position, in the order given; finished ones not at all. {@link
   * #fromStart} gives the splits of files not read yet.
   *
   * @param rateLimiter the budget of records to emit, or null for no limit
   */
  FileSourceReader(
      List<FileSource.SplitState> splits,
      LineDecoder<T> decoder,
      BadRecordPolicy badRecordPolicy,
      RateLimiter rateLimiter) {
    this.decoder = decoder;
    this.badRecordPolicy = badRecordPolicy;
    this.rateLimiter = rateLimiter;
    int n = splits.size();
    List<Path> paths = new ArrayList<>(n);
    this.offsets = new long[n];
    this.lineNumbers = new long[n];
    this.finished = new boolean[n];
    for (int i = 0; i < n; i++) {
      FileSource.SplitState split = splits.get(i);
      paths.add(Path.of(split.file()));
      offsets[i] = split.offset();
      lineNumbers[i] = split.lineNumber();
      finished[i] = split.finished();
    }
    this.files = List.copyOf(paths);
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) {
    if (pendingFailure != null) {
      throw pendingFailure;
    }
    long allowed = rateLimiter == null ? Long.MAX_VALUE : rateLimiter.available();
    long emitted = 0;
    for (int lineBudget = MAX_LINES_PER_POLL; lineBudget > 0 && emitted < allowed; lineBudget--) {
      if (lines == null && !openNextFile()) {
        break;
      }
      if (emitted > 0 && wouldBlock()) {
        break; // hand on what a pipe gave so far rather than hold it while waiting for more
      }
      long lineStart = lines.position();
      String line = readLine();
      if (line == null) {
        finishCurrentFile();
        continue;
      }
      lineNumber++;
      int invalidByte = lines.invalidUtf8At();
      if (invalidByte < 0 && decoder.skipsBlankLines() && line.isBlank()) {
        continue;
      }
      RecordDecodingException failure = invalidByte >= 0
          ? reject(line, "invalid UTF-8 at byte " + (invalidByte + 1) + " of the line", null,
              output)
          : emit(line, output);
      if (failure != null) {
        if (emitted == 0) {
          throw failure;
        }
        // Hand on the records read before the bad line first, so that they reach the outputs
        // when the job runs as one chain; fail at the next poll. Until then a checkpoint must
        // not count the bad line as read, or a restore would skip it.
        pendingFailure = failure;
        failedLineStart = lineStart;
        break;
      }
      emitted++;
    }
    if (rateLimiter != null) {
      rateLimiter.consume(emitted);
    }
    if (pendingFailure != null) {
      return InputStatus.MORE_AVAILABLE;
    }
    if (lines == null && !skipFinishedSplits()) {
      return InputStatus.END_OF_INPUT;
    }
    // With the budget spent, wait for the limiter rather than have the runtime call again at once.
    return emitted == allowed ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
  }

  /**
   * One state per split this reader owns, in the order it reads them: finished ones marked so,
   * the one being read at the start of its next line, later ones where they were given.
   */
  @Override
  public List<FileSource.SplitState> snapshotState(long checkpointId) {
    List<FileSource.SplitState> states = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      boolean open = lines != null && i == current;
      boolean beforeBadLine = open && pendingFailure != null;
      states.add(new FileSource.SplitState(
          files.get(i).toString(),
          beforeBadLine ? failedLineStart : open ? lines.position() : offsets[i],
          beforeBadLine ? lineNumber - 1 : open ? lineNumber : lineNumbers[i],
          finished[i]));
    }
    return states;
  }

  /** The files this reader reads, in order, finished ones included. */
  List<Path> files() {
    return files;
  }

  /** The file being read, or null between files and at the end. */
  Path currentFile() {
    return currentFile;
  }

  /** Byte offset in {@link #currentFile()} where the next line starts; 0 when none is open. */
  long position() {
    return lines == null ? 0 : lines.position();
  }

  /** How many lines of {@link #currentFile()} have been read, blank ones included. */
  long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() {
    closeCurrentFile();
  }

  /** The splits of {@code files}, none of them read yet. */
  static List<FileSource.SplitState> fromStart(List<Path> files) {
    List<FileSource.SplitState> splits = new ArrayList<>(files.size());
    for (Path file : files) {
      splits.add(new FileSource.SplitState(file.toString(), 0, 0, false));
    }
    return splits;
  }

  /**
   * Decodes {@code line} and emits its record, or applies the bad-record policy.
   *
   * @return the failure to throw if the line is bad and the policy is to fail, else null
   */
  private RecordDecodingException emit(String line, ReaderOutput<T> output) {
    T record;
    try {
      record = decoder.decode(line);
    } catch (UndecodableLineException e) {
      return reject(line, e.getMessage(), e.getCause(), output);
    }
    try {
      output.collect(record);
    } catch (RejectedRecordException e) {
      // The runtime refused the decoded record (an unbelievable event time): as bad as a line
      // that cannot be decoded, so the same policy applies.
      return reject(line, e.getMessage(), e, output);
    }
    return null;
  }

  /**
   * A bad line: a dead letter for it, or under {@link BadRecordPolicy#FAIL} the failure to throw.
   */
  private RecordDecodingException reject(
      String line, String reason, Throwable cause, ReaderOutput<T> output) {
    if (badRecordPolicy == BadRecordPolicy.FAIL) {
      return new RecordDecodingException(displayName(currentFile), lineNumber, reason, cause);
    }
    output.output(
        FileSource.DEAD_LETTERS,
        new DeadLetter(displayName(currentFile), lineNumber, reason, line));
    return null;
  }

  /** How errors and dead letters name {@code file}: standard input as {@code <stdin>}. */
  static String displayName(Path file) {
    return file.equals(FileSource.STANDARD_INPUT)
        ? FileSource.STANDARD_INPUT_NAME
        : file.toString();
  }

  /** Moves {@link #current} past finished splits; false if none is left to read. */
  private boolean skipFinishedSplits() {
    while (current < files.size() && finished[current]) {
      current++;
    }
    return current < files.size();
  }

  /** Opens the next unfinished split at its position; false if none is left. */
  private boolean openNextFile() {
    if (!skipFinishedSplits()) {
      return false;
    }
    Path file = files.get(current);
    try {
      lines = LineReader.open(file, offsets[current]);
    } catch (NoSuchFileException e) {
      throw new RunnelException("input file not found: " + file, e);
    } catch (IOException e) {
      throw new RunnelException(
          "cannot open input file " + displayName(file) + ": " + e.getMessage(), e);
    }
    currentFile = file;
    lineNumber = lineNumbers[current];
    LOG.debug("reading {} from byte {} (line {})", file, offsets[current], lineNumber);
    return true;
  }

  private boolean wouldBlock() {
    try {
      return lines.wouldBlock();
    } catch (IOException e) {
      return false; // the read that follows reports it, with the file and line
    }
  }

  private String readLine() {
    try {
      return lines.readLine();
    } catch (IOException e) {
      throw new RunnelException(
          "cannot read input file " + displayName(currentFile) + " after line " + lineNumber
              + ": " + e, e);
    }
  }

  /** Records the current split as read to its end, and moves on. */
  private void finishCurrentFile() {
    offsets[current] = lines.position();
    lineNumbers[current] = lineNumber;
    finished[current] = true;
    closeCurrentFile();
    current++;
  }

  private void closeCurrentFile() {
    if (lines == null) {
      return;
    }
    try {
      lines.close();
    } catch (IOException e) {
      // Everything was read already; a failing close of a read-only file loses nothing.
      LOG.warn("cannot close input file {}: {}", currentFile, e.toString());
    }
    lines = null;
    currentFile = null;
  }
}
