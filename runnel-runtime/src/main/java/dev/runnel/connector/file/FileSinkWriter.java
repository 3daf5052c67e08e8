package dev.runnel.connector.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runnel.api.OperatorException;
import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.SinkWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
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
 * finished only once the file is on disk. Not thread-safe.
 *
 * @param <T> record type
 */
final class FileSinkWriter<T> implements SinkWriter<T> {
  private static final int BUFFER_CHARS = 64 * 1024;

  private final Path file;
  private final LineEncoder<? super T> encoder;
  private final FileChannel channel;
  private final Writer out;
  private boolean closed;

  private FileSinkWriter(Path file, LineEncoder<? super T> encoder, FileChannel channel) {
    this.file = file;
    this.encoder = encoder;
    this.channel = channel;
    this.out = new BufferedWriter(
        new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
        BUFFER_CHARS);
  }

  /** Creates {@code file}, and its missing parent directories, or truncates it if it exists. */
  static <T> FileSinkWriter<T> open(Path file, LineEncoder<? super T> encoder) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      FileChannel channel = FileChannel.open(
          file,
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      return new FileSinkWriter<>(file, encoder, channel);
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
    } catch (IOException e) {
      throw new RunnelException("cannot write to output file " + file + ": " + e, e);
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
      out.flush();
      channel.force(true);
    } catch (IOException e) {
      throw new RunnelException("cannot flush output file " + file + " to disk: " + e, e);
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
      throw new RunnelException("cannot close output file " + file + ": " + e, e);
    }
  }
}
