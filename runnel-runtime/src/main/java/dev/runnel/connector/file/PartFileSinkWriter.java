package dev.runnel.connector.file;

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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one subtask of a {@link FileSink} in a job with checkpoints: writes part files in
 * the sink's directory and pre-commits them at checkpoints, as the sink's class comment describes.
 * Not thread-safe.
 *
 * @param <T> record type
 */
final class PartFileSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(PartFileSinkWriter.class);
  private static final int BUFFER_CHARS = 64 * 1024;

  private final Path directory;
  private final int subtask;
  private final String extension;
  private final LineEncoder<? super T> encoder;
  /** Sequence number of the next part file. */
  private long nextSequence;

  // The open in-progress file, if any.
  private String finalName;
  private Path inProgress;
  private FileChannel channel;
  private Writer out;

  private PartFileSinkWriter(
      Path directory, int subtask, String extension, LineEncoder<? super T> encoder) {
    this.directory = directory;
    this.subtask = subtask;
    this.extension = extension;
    this.encoder = encoder;
    this.nextSequence = PartFiles.highestSequence(directory, subtask) + 1;
  }

  /**
   * Creates {@code directory} if it is missing, and a writer whose first part file comes after
   * every part file of {@code subtask} already there.
   */
  static <T> PartFileSinkWriter<T> open(
      Path directory, int subtask, String extension, LineEncoder<? super T> encoder) {
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new RunnelException("output path " + directory
          + " is a file; with checkpoints a file sink writes part files into a directory");
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new RunnelException("cannot create output directory " + directory + ": " + e, e);
    }
    return new PartFileSinkWriter<>(directory, subtask, extension, encoder);
  }

  @Override
  public void write(T record) {
    String line = FileSinkWriter.encode(
        encoder, record, inProgress != null ? inProgress : directory);
    if (out == null) {
      startPart();
    }
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new RunnelException("cannot write to output file " + inProgress + ": " + e, e);
    }
  }

  /**
   * Flushes and fsyncs the in-progress file, renames it to pending and returns its {@link
   * FileSink.Committable}; nothing if no record was written since the last call.
   */
  @Override
  public List<FileSink.Committable> prepareCommit(long checkpointId) {
    if (out == null) {
      return List.of();
    }
    try {
      out.flush();
      channel.force(true);
      out.close();
    } catch (IOException e) {
      throw new RunnelException("cannot flush output file " + inProgress + " to disk: " + e, e);
    }
    String pendingName = PartFiles.pendingName(finalName);
    try {
      Files.move(inProgress, directory.resolve(pendingName), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RunnelException("cannot rename output file " + inProgress + " to "
          + pendingName + ": " + e, e);
    }
    PartFiles.syncDirectory(directory);
    FileSink.Committable committable = new FileSink.Committable(pendingName, finalName);
    LOG.debug("pre-committed {} for checkpoint {}", committable, checkpointId);
    out = null;
    channel = null;
    inProgress = null;
    finalName = null;
    return List.of(committable);
  }

  /**
   * Flushes and fsyncs the in-progress file, which stays hidden: with checkpoints the runtime calls
   * {@link #prepareCommit} at the end of the input instead, and only committed parts become
   * visible.
   */
  @Override
  public void finish() {
    if (out == null) {
      return;
    }
    try {
      out.flush();
      channel.force(true);
    } catch (IOException e) {
      throw new RunnelException("cannot flush output file " + inProgress + " to disk: " + e, e);
    }
  }

  /**
   * Closes and deletes the in-progress file, if one is open: its records belong to no completed
   * checkpoint, so a restored job writes them again. Pending files are left to the committer.
   */
  @Override
  public void close() {
    if (out == null) {
      return;
    }
    Writer abandonedOut = out;
    Path abandoned = inProgress;
    out = null;
    channel = null;
    inProgress = null;
    finalName = null;
    try {
      try {
        abandonedOut.close(); // closes the channel too
      } finally {
        Files.deleteIfExists(abandoned);
      }
    } catch (IOException e) {
      throw new RunnelException("cannot discard output file " + abandoned + ": " + e, e);
    }
  }

  private void startPart() {
    finalName = PartFiles.finalName(subtask, nextSequence++, extension);
    inProgress = directory.resolve(PartFiles.inProgressName(finalName));
    try {
      channel = FileChannel.open(
          inProgress,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new RunnelException("cannot create output file " + inProgress + ": " + e, e);
    }
    out = new BufferedWriter(
        new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
        BUFFER_CHARS);
  }
}
