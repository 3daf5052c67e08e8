package dev.runnel.runtime.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.runtime.state.KeyedStateHandle;
import dev.runnel.runtime.state.StateBackends;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one job on the local filesystem (see {@code docs/checkpoints.md}):
 *
 * <pre>
 * &lt;checkpoint dir&gt;/&lt;job name&gt;/
 *   chk-&lt;n&gt;/             one folder per checkpoint
 *     _metadata           JSON, written last (write, fsync, rename): the folder is complete iff present
 *     &lt;uid&gt;-&lt;subtask&gt;.op    an operator subtask's own state (timers, positions, committables)
 *     &lt;uid&gt;-&lt;subtask&gt;-…      its keyed state, in the state backend's own files
 *   savepoints/savepoint-&lt;n&gt;/   savepoints, same layout, never deleted by the job
 * </pre>
 *
 * A folder holds everything it needs: files shared with an older checkpoint are hard links, so
 * deleting one checkpoint never breaks another.
 */
public final class CheckpointStorage {
  /** The layout version this Runnel writes; it reads this one and every older one. */
  public static final int LAYOUT_VERSION = 1;

  public static final String METADATA_FILE = "_metadata";

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStorage.class);
  private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");
  private static final Pattern SAVEPOINT = Pattern.compile("savepoint-(\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path jobDirectory;

  /** @param baseDirectory the checkpoint directory; the job gets a folder named after it inside */
  public CheckpointStorage(Path baseDirectory, String jobName) {
    this.jobDirectory = baseDirectory.resolve(folderName(jobName));
  }

  /** The job name as a folder name: characters other than letters, digits, {@code .-_} become _. */
  public static String folderName(String jobName) {
    return jobName.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  public Path jobDirectory() {
    return jobDirectory;
  }

  public Path checkpointDirectory(long checkpointId) {
    return jobDirectory.resolve("chk-" + checkpointId);
  }

  /** Prefix of the folders that hold the final state of subtasks that finished while a run went on. */
  static final String FINISHED_STATE_PREFIX = ".finished-";

  /**
   * A folder for the final snapshots of subtasks whose input ended while the job goes on ({@code
   * <job>/.finished-<tag>/}): checkpoints taken later hard-link those files into their own folder.
   * Not a checkpoint (the name matches no {@code chk-<n>}); the run that owns it deletes it.
   */
  public Path finishedStateDirectory(String tag) {
    return jobDirectory.resolve(FINISHED_STATE_PREFIX + tag);
  }

  /** Deletes the final-state folders of earlier runs (left behind when a process was killed). */
  public void discardFinishedStateDirectories() {
    if (!Files.isDirectory(jobDirectory)) {
      return;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(jobDirectory,
        FINISHED_STATE_PREFIX + "*")) {
      for (Path p : dir) {
        discard(p);
      }
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", jobDirectory, e.toString());
    }
  }

  /**
   * Makes the files a subtask's state names in {@code from} part of checkpoint folder {@code to}
   * as well: a hard link each (a copy where the filesystem cannot link), so {@code to} stays
   * self-contained. Names may hold subfolders (RocksDB files), which are created.
   */
  public static void linkState(Path from, Path to, CheckpointMetadata.SubtaskState state)
      throws IOException {
    List<StateFile> files = new ArrayList<>();
    if (state.file() != null) {
      files.add(state.file());
    }
    if (state.keyedState() != null) {
      try {
        files.addAll(keyedHandle(state.keyedState(), from).files());
      } catch (CorruptCheckpointException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    for (StateFile f : files) {
      Path source = from.resolve(f.name());
      Path target = to.resolve(f.name());
      Files.createDirectories(target.getParent());
      try {
        Files.createLink(target, source);
      } catch (FileAlreadyExistsException e) {
        throw e; // two states claim one name: a bug, not a filesystem limit
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(source, target); // e.g. a filesystem without hard links
      }
    }
  }

  public Path defaultSavepointDirectory() {
    return jobDirectory.resolve("savepoints");
  }

  /** Creates the (empty) folder of a new checkpoint. */
  public static Path create(Path folder) throws IOException {
    Files.createDirectories(folder);
    return folder;
  }

  /** Writes {@code _metadata} atomically: a temporary file, fsync, rename, fsync of the folder. */
  public static void writeMetadata(Path folder, CheckpointMetadata metadata) throws IOException {
    Path tmp = folder.resolve(METADATA_FILE + ".inprogress");
    byte[] bytes = JSON.writeValueAsBytes(metadata);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    try {
      Files.move(tmp, folder.resolve(METADATA_FILE), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, folder.resolve(METADATA_FILE), StandardCopyOption.REPLACE_EXISTING);
    }
    fsyncDirectory(folder);
  }

  /** Forces a folder's entries (new names, renames) to disk, where the platform allows it. */
  public static void fsyncDirectory(Path folder) {
    try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for syncing; the rename is still atomic there.
      LOG.debug("cannot fsync directory {}: {}", folder, e.toString());
    }
  }

  /**
   * Reads and checks a checkpoint or savepoint folder: metadata present and readable, layout
   * version known, every file it names present with the recorded length and CRC-32.
   *
   * @throws CorruptCheckpointException saying what is wrong
   */
  public static CheckpointMetadata load(Path folder) throws CorruptCheckpointException {
    Path file = folder.resolve(METADATA_FILE);
    CheckpointMetadata metadata;
    try {
      metadata = JSON.readValue(file.toFile(), CheckpointMetadata.class);
    } catch (NoSuchFileException | FileNotFoundException e) {
      throw new CorruptCheckpointException(folder + " is not a complete checkpoint: no "
          + METADATA_FILE + " (it was never completed, or it is not a checkpoint folder)");
    } catch (IOException e) {
      throw new CorruptCheckpointException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (metadata.version() < 1 || metadata.version() > LAYOUT_VERSION) {
      throw new CorruptCheckpointException(file + " has layout version " + metadata.version()
          + "; this Runnel reads versions 1 to " + LAYOUT_VERSION);
    }
    List<StateFile> keyedFiles = new ArrayList<>();
    for (CheckpointMetadata.OperatorState op : metadata.operators()) {
      for (CheckpointMetadata.SubtaskState s : op.subtasks()) {
        if (s.keyedState() != null) {
          keyedFiles.addAll(keyedHandle(s.keyedState(), file).files());
        }
      }
    }
    for (StateFile f : metadata.files(keyedFiles)) {
      verify(folder, f);
    }
    return metadata;
  }

  private static void verify(Path folder, StateFile expected) throws CorruptCheckpointException {
    Path path = folder.resolve(expected.name());
    CRC32 crc = new CRC32();
    long length = 0;
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        crc.update(buffer, 0, n);
        length += n;
      }
    } catch (IOException e) {
      throw new CorruptCheckpointException(
          "checkpoint file " + path + " is missing or unreadable: " + e, e);
    }
    if (length != expected.length() || crc.getValue() != expected.crc32()) {
      throw new CorruptCheckpointException("checkpoint file " + path + " is damaged: "
          + length + " bytes with CRC-32 " + Long.toHexString(crc.getValue()) + ", expected "
          + expected.length() + " bytes with CRC-32 " + Long.toHexString(expected.crc32()));
    }
  }

  /** The metadata form of a keyed-state handle: its fields plus {@code backend}. */
  public static JsonNode keyedHandleToJson(String backend, KeyedStateHandle handle) {
    ObjectNode node = JSON.valueToTree(handle);
    node.put("backend", backend);
    return node;
  }

  /** Reads back a handle written by {@link #keyedHandleToJson}. */
  public static KeyedStateHandle keyedHandle(JsonNode node, Path where)
      throws CorruptCheckpointException {
    JsonNode backend = node.get("backend");
    if (backend == null) {
      throw new CorruptCheckpointException(where + ": keyed state without a backend name");
    }
    try {
      ObjectNode copy = ((ObjectNode) node).deepCopy();
      copy.remove("backend");
      return JSON.treeToValue(copy, StateBackends.factoryFor(backend.asText()).handleType());
    } catch (IllegalArgumentException | IOException e) {
      throw new CorruptCheckpointException(where + ": cannot read keyed state of backend '"
          + backend.asText() + "': " + e.getMessage(), e);
    }
  }

  /** Completed-or-not checkpoint folders of the job, newest first. */
  public List<Path> checkpointFolders() throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(jobDirectory)) {
      return found;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(jobDirectory)) {
      for (Path p : dir) {
        if (CHECKPOINT.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)) {
          found.add(p);
        }
      }
    }
    found.sort(Comparator.comparingLong(CheckpointStorage::idOf).reversed());
    return found;
  }

  /**
   * The newest checkpoint folder that is complete and undamaged. Damaged ones are skipped with a
   * warning that says why, so the job falls back to the one before.
   */
  public Optional<Path> latestValid() throws IOException {
    for (Path folder : checkpointFolders()) {
      if (!Files.exists(folder.resolve(METADATA_FILE))) {
        continue; // never completed: not a checkpoint
      }
      try {
        load(folder);
        return Optional.of(folder);
      } catch (CorruptCheckpointException e) {
        LOG.warn("skipping checkpoint {}: {}", folder, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** The highest checkpoint or savepoint number used in the job's folders, or 0. */
  public long highestId() throws IOException {
    long max = 0;
    for (Path p : checkpointFolders()) {
      max = Math.max(max, idOf(p));
    }
    Path savepoints = defaultSavepointDirectory();
    if (Files.isDirectory(savepoints)) {
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(savepoints)) {
        for (Path p : dir) {
          Matcher m = SAVEPOINT.matcher(p.getFileName().toString());
          if (m.matches()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
          }
        }
      }
    }
    return max;
  }

  /** The number in a {@code chk-<n>} or {@code savepoint-<n>} folder name, or -1. */
  public static long idOf(Path folder) {
    String name = folder.getFileName().toString();
    Matcher m = CHECKPOINT.matcher(name);
    if (m.matches()) {
      return Long.parseLong(m.group(1));
    }
    m = SAVEPOINT.matcher(name);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Deletes a folder and everything in it; a folder already gone is fine. */
  public static void discard(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("cannot delete {}: {}", p, e.toString());
        }
      });
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", folder, e.toString());
    }
  }

  /**
   * Keeps the newest {@code retained} complete checkpoints (and {@code keep}, the one being
   * restored from or just completed); deletes older complete ones and every incomplete folder older
   * than the newest complete one (left by aborted checkpoints or crashes).
   */
  public void applyRetention(int retained, Path keep) throws IOException {
    int complete = 0;
    boolean seenComplete = false;
    for (Path folder : checkpointFolders()) {
      boolean isComplete = Files.exists(folder.resolve(METADATA_FILE));
      if (isComplete) {
        complete++;
        seenComplete = true;
        if (complete > retained && !folder.equals(keep)) {
          discard(folder);
        }
      } else if (seenComplete) {
        discard(folder);
      }
    }
  }
}
