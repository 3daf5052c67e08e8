package dev.runnel.connector.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runnel.api.OperatorException;
import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.SinkWriter;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one line per record to a file, UTF-8, through a buffer: the writer of a {@link FileSink}
 * in a job without checkpoints. {@link #finish} flushes and fsyncs, so the job is reported
 * finished only once the file is on disk; {@link #close} flushes too, so a job that fails or is
 * cancelled leaves every line written so far (its last line possibly cut).
 *
 * <p>Standard output ({@link FileSink#STANDARD_OUTPUT}) and files that are not regular files
 * (pipes, terminals, {@code /dev/stdout}) are written as streams: each line is flushed as it is
 * written, so that a reader at the other end sees results as they come, and there is nothing to
 * truncate or fsync. Standard output is flushed but never closed. Not thread-safe.
 *
 * @param <T> record type
 */
final class FileSinkWriter<T> implements SinkWriter<T> {
  private static final int BUFFER_CHARS = 64 * 1024;

  private final Path file;
  private final LineEncoder<? super T> encoder;
  /** Null for a stream. */
  private final FileChannel channel;
  /** Standard output, to check for errors its print stream swallows; else null. */
  private final PrintStream standardOutput;
  private final Writer out;
  private final boolean flushEachLine;
  private boolean closed;

  private FileSinkWriter(Path file, LineEncoder<? super T> encoder, FileChannel channel,
      PrintStream standardOutput, OutputStream stream) {
    this.file = file;
    this.encoder = encoder;
    this.channel = channel;
    this.standardOutput = standardOutput;
    this.flushEachLine = channel == null;
    this.out = new BufferedWriter(
        new OutputStreamWriter(stream, StandardCharsets.UTF_8),
        flushEachLine ? 8192 : BUFFER_CHARS);
  }

  /**
   * Creates {@code file}, and its missing parent directories, or truncates it if it exists; opens
   * standard output or a file that is not a regular file as a stream.
   */
  static <T> FileSinkWriter<T> open(Path file, LineEncoder<? super T> encoder) {
    if (file.equals(FileSink.STANDARD_OUTPUT)) {
      PrintStream stdout = System.out;
      OutputStream unclosable = new FilterOutputStream(stdout) {
        @Override
        public void write(byte[] b, int off, int len) {
          stdout.write(b, off, len);
        }

        @Override
        public void close() {
          stdout.flush(); // standard output belongs to the process, not to one sink
        }
      };
      return new FileSinkWriter<>(file, encoder, null, stdout, unclosable);
    }
    try {
      if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
        return new FileSinkWriter<>(file, encoder, null, null,
            Files.newOutputStream(file, StandardOpenOption.WRITE));
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      FileChannel channel = FileChannel.open(
          file,
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      return new FileSinkWriter<>(file, encoder, channel, null, Channels.newOutputStream(channel));
    } catch (IOException e) {
      throw new RunnelException("cannot create output file " + file + ": " + e, e);
    }
  }

  @Override
  public void write(T record) {
    String line = encode(encoder, record, file);
    try {
      out.write(line);
      out.write('\n');
      if (flushEachLine) {
        flushStream();
      }
    } catch (IOException e) {
      throw new RunnelException("cannot write to " + describe() + ": " + e, e);
    }
  }

  /** {@code record} as a line for {@code file}; errors name the file and the record. */
  static <T> String encode(LineEncoder<? super T> encoder, T record, Path file) {
    try {
      return encoder.encode(record);
    } catch (JsonProcessingException e) {
      throw new RunnelException("cannot encode a record for output file " + file + ": "
          + e.getOriginalMessage() + "; record: " + OperatorException.describe(record), e);
    } catch (IOException e) {
      throw new RunnelException("cannot encode a record for output file " + file + ": " + e, e);
    }
  }

  @Override
  public void finish() {
    try {
      if (channel == null) {
        flushStream();
        return;
      }
      out.flush();
      channel.force(true);
    } catch (IOException e) {
      throw new RunnelException("cannot flush " + describe() + " to disk: " + e, e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new RunnelException("cannot close " + describe() + ": " + e, e);
    }
  }

  private void flushStream() throws IOException {
    out.flush();
    // A print stream reports no errors, only remembers them: a closed pipe shows up here.
    if (standardOutput != null && standardOutput.checkError()) {
      throw new IOException("standard output is closed (did the reading end of a pipe exit?)");
    }
  }

  private String describe() {
    return file.equals(FileSink.STANDARD_OUTPUT) ? "standard output" : "output file " + file;
  }
}
