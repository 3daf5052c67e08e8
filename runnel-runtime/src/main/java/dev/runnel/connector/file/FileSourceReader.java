package dev.runnel.connector.file;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.DeadLetter;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.SourceReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files assigned to one subtask of a {@link FileSource}, one after another, line by
 * line. Cooperative: each {@link #pollNext} reads at most {@link #MAX_LINES_PER_POLL} lines.
 *
 * <p>Where it is, for checkpoints: {@link #currentFile()}, {@link #position()} (byte offset of the
 * next line in it) and {@link #lineNumber()}; files before the current one are done.
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

  // Progress
  private int nextFileIndex;
  private Path currentFile;
  private LineReader lines;
  private long lineNumber;

  FileSourceReader(List<Path> files, LineDecoder<T> decoder, BadRecordPolicy badRecordPolicy) {
    this.files = List.copyOf(files);
    this.decoder = decoder;
    this.badRecordPolicy = badRecordPolicy;
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) {
    for (int budget = MAX_LINES_PER_POLL; budget > 0; budget--) {
      if (lines == null) {
        if (nextFileIndex == files.size()) {
          return InputStatus.END_OF_INPUT;
        }
        openNextFile();
      }
      String line = readLine();
      if (line == null) {
        closeCurrentFile();
        continue;
      }
      lineNumber++;
      if (decoder.skipsBlankLines() && line.isBlank()) {
        continue;
      }
      emit(line, output);
    }
    return lines == null && nextFileIndex == files.size()
        ? InputStatus.END_OF_INPUT
        : InputStatus.MORE_AVAILABLE;
  }

  /** The files this reader reads, in order. */
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

  private void emit(String line, ReaderOutput<T> output) {
    T record;
    try {
      record = decoder.decode(line);
    } catch (UndecodableLineException e) {
      if (badRecordPolicy == BadRecordPolicy.FAIL) {
        throw new RecordDecodingException(
            currentFile.toString(), lineNumber, e.getMessage(), e.getCause());
      }
      output.output(
          FileSource.DEAD_LETTERS,
          new DeadLetter(currentFile.toString(), lineNumber, e.getMessage(), line));
      return;
    }
    output.collect(record);
  }

  private void openNextFile() {
    Path file = files.get(nextFileIndex++);
    try {
      lines = LineReader.open(file, 0);
    } catch (NoSuchFileException e) {
      throw new RunnelException("input file not found: " + file, e);
    } catch (IOException e) {
      throw new RunnelException("cannot open input file " + file + ": " + e, e);
    }
    currentFile = file;
    lineNumber = 0;
    LOG.debug("reading {}", file);
  }

  private String readLine() {
    try {
      return lines.readLine();
    } catch (IOException e) {
      throw new RunnelException(
          "cannot read input file " + currentFile + " after line " + lineNumber + ": " + e, e);
    }
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
