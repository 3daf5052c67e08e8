package dev.runnel.rocksdb;

import dev.runnel.api.state.StateBackend;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Keyed state in embedded RocksDB databases on local disk: state may be much larger than the JVM's
 * memory, values are kept as bytes (serialized on every write, deserialized on every read), and
 * checkpoints are incremental: files unchanged since the previous checkpoint are hard-linked, not
 * copied.
 *
 * <pre>{@code
 * env.setStateBackend(new RocksDbStateBackend()
 *     .setManagedMemory(512L << 20)                        // block cache + memtables, all subtasks
 *     .setLocalDirectory(Path.of("/mnt/fast-ssd/runnel"))  // working files
 *     .setIncrementalCheckpoints(true));
 * }</pre>
 *
 * <p><b>Memory.</b> One option bounds RocksDB's native memory: {@link #setManagedMemory(long)}
 * sizes one block cache shared by every RocksDB instance of this JVM that has the same setting,
 * and memtables are charged to that cache through a write buffer manager, so the memory used does
 * not grow with the number of states or subtasks.
 *
 * <p>Serializable configuration: the same object may be handed to every subtask.
 */
public final class RocksDbStateBackend implements StateBackend {
  private static final long serialVersionUID = 1L;

  /** The default managed memory: 256 MB. */
  public static final long DEFAULT_MANAGED_MEMORY = 256L << 20;

  private static final long MIN_MANAGED_MEMORY = 8L << 20;

  private long managedMemory = DEFAULT_MANAGED_MEMORY;
  /** Kept as a string: {@link Path} is not serializable. Null means the default. */
  private String localDirectory;
  private boolean incrementalCheckpoints = true;

  @Override
  public String name() {
    return "rocksdb";
  }

  /**
   * The native memory, in bytes, that all RocksDB instances of this JVM configured with this value
   * share: a block cache of this size, half of which memtables may take. At least 8 MB; default
   * 256 MB.
   */
  public RocksDbStateBackend setManagedMemory(long bytes) {
    if (bytes < MIN_MANAGED_MEMORY) {
      throw new IllegalArgumentException(
          "managed memory must be at least " + MIN_MANAGED_MEMORY + " bytes, got " + bytes);
    }
    this.managedMemory = bytes;
    return this;
  }

  public long managedMemory() {
    return managedMemory;
  }

  /**
   * The folder under which each subtask keeps its database and its native checkpoints; should be
   * a fast local disk. Default: {@code java.io.tmpdir/runnel-rocksdb}.
   */
  public RocksDbStateBackend setLocalDirectory(Path directory) {
    this.localDirectory = directory == null ? null : directory.toAbsolutePath().toString();
    return this;
  }

  /** The folder set with {@link #setLocalDirectory}, or the default. */
  public Path localDirectory() {
    return localDirectory != null
        ? Paths.get(localDirectory)
        : Paths.get(System.getProperty("java.io.tmpdir"), "runnel-rocksdb");
  }

  /** Whether {@link #setLocalDirectory} was called (else the runtime's folder may be used). */
  public boolean hasLocalDirectory() {
    return localDirectory != null;
  }

  /**
   * Whether a checkpoint hard-links the table files that an earlier checkpoint of the same subtask
   * already wrote (true, the default) or copies every file.
   */
  public RocksDbStateBackend setIncrementalCheckpoints(boolean incremental) {
    this.incrementalCheckpoints = incremental;
    return this;
  }

  public boolean incrementalCheckpoints() {
    return incrementalCheckpoints;
  }

  @Override
  public String toString() {
    return "rocksdb(managed memory " + managedMemory + " bytes, local directory "
        + localDirectory() + ", incremental checkpoints " + incrementalCheckpoints + ")";
  }
}
