package dev.runnel.rocksdb.state;

import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.State;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.runtime.checkpoint.StateFile;
import dev.runnel.runtime.serialization.ObjectSerializer;
import dev.runnel.runtime.state.InternalAggregatingState;
import dev.runnel.runtime.state.InternalKvState;
import dev.runnel.runtime.state.InternalListState;
import dev.runnel.runtime.state.InternalMapState;
import dev.runnel.runtime.state.InternalReducingState;
import dev.runnel.runtime.state.InternalValueState;
import dev.runnel.runtime.state.KeyContext;
import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.KeyedStateSnapshot;
import dev.runnel.runtime.state.RestoredKeyedState;
import dev.runnel.runtime.state.StateRegistrations;
import dev.runnel.runtime.state.TtlRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.StringAppendOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Keyed state of one keyed operator subtask in an embedded RocksDB database on local disk.
 *
 * <p><b>Layout.</b> One column family per state (named {@code state:<name>}). Every key starts
 * with the key group (2 bytes, big-endian), so a key group is one contiguous range of keys, then
 * the length-prefixed serialized key and namespace (and, for map state, the serialized user key);
 * see {@link AbstractRocksState}. Values are serialized on every write and deserialized on every
 * read: an object returned by a state is a copy, and changing it changes nothing until it is
 * written back.
 *
 * <p><b>Memory.</b> Block cache and memtables of every backend with the same managed-memory
 * setting share one budget ({@link SharedMemory}). The write-ahead log is off: checkpoints, not
 * the log, make state durable.
 *
 * <p><b>Checkpoints.</b> The synchronous phase flushes the memtables and takes a native RocksDB
 * checkpoint (hard links to the immutable table files) into a local folder; the asynchronous phase
 * copies it into the checkpoint folder. With incremental checkpoints, a table file already written
 * into an earlier checkpoint folder by this backend (and still there) is hard-linked from there
 * instead of copied: the file system's link count is its reference count.
 *
 * <p><b>Restore.</b> A single handle of exactly this key-group range is copied in and opened as
 * is; otherwise (rescaling) each handle is opened as a temporary database and the entries of this
 * range's key groups are copied over.
 *
 * <p>Timers are not kept here: operators keep them on the heap and the runtime writes them into
 * the checkpoint per key group.
 *
 * <p>Not thread-safe: the subtask's thread only, but for {@link KeyedStateSnapshot#write}.
 */
public final class RocksDbKeyedStateBackend implements KeyedStateBackend {
  private static final String COLUMN_FAMILY_PREFIX = "state:";
  private static final String DEFAULT_COLUMN_FAMILY =
      new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8);

  static {
    RocksDB.loadLibrary();
  }

  private final KeyContext keys;
  private final LongSupplier clock;
  private final Path directory;
  private final Path dbDirectory;
  private final boolean incremental;
  private final SharedMemory memory;

  private final DBOptions dbOptions;
  private final ColumnFamilyOptions columnFamilyOptions;
  private final StringAppendOperator appendOperator;
  private final BloomFilter bloomFilter;
  private final WriteOptions writeOptions;
  private final ReadOptions readOptions;

  private RocksDB db;
  private ColumnFamilyHandle defaultColumnFamily;
  /** Column families by state name: registered states and restored ones not registered yet. */
  private final Map<String, ColumnFamilyHandle> columnFamilies = new LinkedHashMap<>();
  private final Map<String, Registered> states = new LinkedHashMap<>();
  private final List<AbstractRocksState<?>> ttlStates = new ArrayList<>();

  /**
   * Table files already in a checkpoint folder, by file name: where the last checkpoint that holds
   * one put it, to hard-link it from there. Written by checkpoint I/O threads.
   */
  private final Map<String, WrittenFile> written = new ConcurrentHashMap<>();
  private final AtomicLong snapshotSequence = new AtomicLong();

  private Object keyOfPart;
  private byte[] keyPart;
  private boolean closed;

  private record Registered(StateDescriptor<?, ?> descriptor, AbstractRocksState<?> state) {}

  private record WrittenFile(Path path, long length, long crc32) {}

  /**
   * @param directory this backend's working folder, created if needed and deleted on close
   * @param managedMemory the bytes of the block cache that backends with the same value share
   * @param incremental whether checkpoints hard-link table files written by earlier ones
   */
  public RocksDbKeyedStateBackend(KeyGroupRange range, int maxParallelism,
      LongSupplier processingTimeClock, Path directory, long managedMemory, boolean incremental)
      throws IOException {
    if (maxParallelism > 1 << 15) {
      throw new IllegalArgumentException("max parallelism " + maxParallelism
          + " exceeds what two-byte key-group prefixes allow (32768)");
    }
    this.keys = new KeyContext(range, maxParallelism);
    this.clock = Objects.requireNonNull(processingTimeClock, "processing time clock");
    this.directory = directory.toAbsolutePath();
    this.dbDirectory = this.directory.resolve("db");
    this.incremental = incremental;
    Files.createDirectories(this.directory);
    this.memory = SharedMemory.acquire(managedMemory);

    this.dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setWriteBufferManager(memory.writeBufferManager())
        .setMaxBackgroundJobs(2)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setKeepLogFileNum(2)
        .setStatsDumpPeriodSec(0)
        .setAvoidFlushDuringShutdown(true);
    this.appendOperator = new StringAppendOperator("");
    this.bloomFilter = new BloomFilter(10, false);
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(memory.cache())
        .setBlockSize(16 * 1024)
        .setFilterPolicy(bloomFilter)
        .setCacheIndexAndFilterBlocks(true)
        .setCacheIndexAndFilterBlocksWithHighPriority(true)
        .setPinL0FilterAndIndexBlocksInCache(true);
    long writeBuffer = Math.max(1L << 20, Math.min(64L << 20, managedMemory / 8));
    this.columnFamilyOptions = new ColumnFamilyOptions()
        .setMergeOperator(appendOperator)
        .setTableFormatConfig(table)
        .setWriteBufferSize(writeBuffer)
        .setMaxWriteBufferNumber(2)
        .setTargetFileSizeBase(64L << 20)
        .setLevelCompactionDynamicLevelBytes(true);
    this.writeOptions = new WriteOptions().setDisableWAL(true);
    this.readOptions = new ReadOptions();
    try {
      openDb(dbDirectory);
    } catch (RocksDBException | RuntimeException e) {
      closeNative();
      throw new IOException("cannot open RocksDB in " + dbDirectory, e);
    }
  }

  // ---- database lifecycle ----

  private void openDb(Path path) throws RocksDBException, IOException {
    Files.createDirectories(path);
    List<byte[]> names = new ArrayList<>();
    if (Files.exists(path.resolve("CURRENT"))) {
      try (Options options = new Options()) {
        names.addAll(RocksDB.listColumnFamilies(options, path.toString()));
      }
    }
    if (names.stream().noneMatch(n -> Arrays.equals(n, RocksDB.DEFAULT_COLUMN_FAMILY))) {
      names.add(0, RocksDB.DEFAULT_COLUMN_FAMILY);
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] name : names) {
      descriptors.add(new ColumnFamilyDescriptor(name, columnFamilyOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    db = RocksDB.open(dbOptions, path.toString(), descriptors, handles);
    for (int i = 0; i < names.size(); i++) {
      String name = new String(names.get(i), StandardCharsets.UTF_8);
      if (name.equals(DEFAULT_COLUMN_FAMILY)) {
        defaultColumnFamily = handles.get(i);
      } else if (name.startsWith(COLUMN_FAMILY_PREFIX)) {
        columnFamilies.put(name.substring(COLUMN_FAMILY_PREFIX.length()), handles.get(i));
      } else {
        handles.get(i).close();
        throw new IllegalStateException("RocksDB in " + path
            + " has a column family that is no Runnel state: " + name);
      }
    }
  }

  private void closeDb() {
    for (ColumnFamilyHandle h : columnFamilies.values()) {
      h.close();
    }
    columnFamilies.clear();
    if (defaultColumnFamily != null) {
      defaultColumnFamily.close();
      defaultColumnFamily = null;
    }
    if (db != null) {
      db.close();
      db = null;
    }
  }

  private void closeNative() {
    closeDb();
    readOptions.close();
    writeOptions.close();
    columnFamilyOptions.close();
    dbOptions.close();
    bloomFilter.close();
    appendOperator.close();
    memory.release();
  }

  /** Releases the database, its options and its share of the memory, and deletes the folder. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    states.clear();
    ttlStates.clear();
    closeNative();
    try {
      deleteRecursively(directory);
    } catch (IOException e) {
      // Leaves files behind in a temporary folder; nothing else to do.
    }
  }

  RocksDB db() {
    return db;
  }

  WriteOptions writeOptions() {
    return writeOptions;
  }

  ReadOptions readOptions() {
    return readOptions;
  }

  RocksDbStateException failure(String what, RocksDBException e) {
    return new RocksDbStateException("cannot " + what + " keyed state in RocksDB at "
        + dbDirectory + ": " + e.getMessage(), e);
  }

  /** The working folder (for tests and tools). */
  public Path directory() {
    return directory;
  }

  // ---- keys ----

  @Override
  public KeyContext keys() {
    return keys;
  }

  @Override
  public void setCurrentKey(Object key) {
    keys.setCurrentKey(key);
  }

  /**
   * Key group (2 bytes) and length-prefixed serialized current key: the start of every database
   * key of the current key. Serialized once per key object.
   */
  byte[] currentKeyPart() {
    Object key = keys.currentKey();
    if (key == null) {
      throw new IllegalStateException("keyed state is only accessible while processing an element");
    }
    if (key != keyOfPart) {
      int keyGroup = keys.range().start() + keys.currentKeyGroupIndex();
      keyPart = Bytes.concat(Bytes.keyGroupPrefix(keyGroup),
          Bytes.lengthPrefixed(ObjectSerializer.toBytes(key)));
      keyOfPart = key;
    }
    return keyPart;
  }

  // ---- states ----

  @Override
  @SuppressWarnings("unchecked")
  public <S extends State> S getState(StateDescriptor<S, ?> descriptor) {
    return (S) register(descriptor);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <N, T> InternalValueState<N, T> getPartitionedState(ValueStateDescriptor<T> descriptor) {
    return (InternalValueState<N, T>) register(descriptor);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <N, T> InternalListState<N, T> getPartitionedState(ListStateDescriptor<T> descriptor) {
    return (InternalListState<N, T>) register(descriptor);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <N, K, V> InternalMapState<N, K, V> getPartitionedState(
      MapStateDescriptor<K, V> descriptor) {
    return (InternalMapState<N, K, V>) register(descriptor);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <N, T> InternalReducingState<N, T> getPartitionedState(
      ReducingStateDescriptor<T> descriptor) {
    return (InternalReducingState<N, T>) register(descriptor);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <N, IN, ACC, OUT> InternalAggregatingState<N, IN, OUT> getPartitionedState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return (InternalAggregatingState<N, IN, OUT>) register(descriptor);
  }

  private InternalKvState<?> register(StateDescriptor<?, ?> descriptor) {
    checkOpen();
    Registered r = states.get(descriptor.name());
    if (r == null) {
      AbstractRocksState<?> state = create(descriptor, columnFamily(descriptor.name()));
      if (state.hasTtl()) {
        ttlStates.add(state);
      }
      states.put(descriptor.name(), new Registered(descriptor, state));
      return state;
    }
    StateRegistrations.checkCompatible(r.descriptor(), descriptor);
    return (InternalKvState<?>) r.state();
  }

  /** The column family of state {@code name}: restored, or created now. */
  private ColumnFamilyHandle columnFamily(String name) {
    ColumnFamilyHandle h = columnFamilies.get(name);
    if (h == null) {
      try {
        h = db.createColumnFamily(new ColumnFamilyDescriptor(
            (COLUMN_FAMILY_PREFIX + name).getBytes(StandardCharsets.UTF_8), columnFamilyOptions));
      } catch (RocksDBException e) {
        throw failure("create a column family for state '" + name + "' of", e);
      }
      columnFamilies.put(name, h);
    }
    return h;
  }

  private AbstractRocksState<?> create(StateDescriptor<?, ?> descriptor, ColumnFamilyHandle cf) {
    TtlRules ttl = descriptor.ttlConfig() == null ? null : new TtlRules(descriptor.ttlConfig(), clock);
    if (descriptor instanceof ValueStateDescriptor<?>) {
      return new RocksValueState<>(this, cf, ttl);
    }
    if (descriptor instanceof ListStateDescriptor<?>) {
      return new RocksListState<>(this, cf, ttl);
    }
    if (descriptor instanceof MapStateDescriptor<?, ?>) {
      return new RocksMapState<>(this, cf, ttl);
    }
    if (descriptor instanceof ReducingStateDescriptor<?> d) {
      return new RocksReducingState<>(this, cf, ttl, d.reduceFunction());
    }
    if (descriptor instanceof AggregatingStateDescriptor<?, ?, ?> d) {
      return new RocksAggregatingState<>(this, cf, ttl, d.aggregateFunction());
    }
    throw new IllegalArgumentException("unknown kind of state descriptor: " + descriptor);
  }

  // ---- time-to-live ----

  /**
   * Removes every expired value (list element, map entry) of every state with time-to-live, by
   * iterating each such state's column family; returns how many were removed.
   */
  @Override
  public long cleanupExpired(long now) {
    checkOpen();
    long removed = 0;
    for (AbstractRocksState<?> state : ttlStates) {
      removed += state.cleanupExpired(now);
    }
    return removed;
  }

  @Override
  public long cleanupExpired() {
    return cleanupExpired(clock.getAsLong());
  }

  @Override
  public boolean hasTtlState() {
    return !ttlStates.isEmpty();
  }

  // ---- snapshots ----

  /**
   * Flushes the memtables and takes a native RocksDB checkpoint (hard links to the table files)
   * into a local folder; the returned work copies (or, for table files already in an earlier
   * checkpoint folder, hard-links) it into the checkpoint folder and deletes the local one.
   */
  @Override
  public KeyedStateSnapshot snapshot(long checkpointId) throws Exception {
    checkOpen();
    List<ColumnFamilyHandle> all = new ArrayList<>(columnFamilies.values());
    all.add(defaultColumnFamily);
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush, all);
    }
    Path local = directory.resolve("snapshots")
        .resolve("chk-" + checkpointId + "-" + snapshotSequence.incrementAndGet());
    Files.createDirectories(local.getParent());
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(local.toString());
    }
    Map<String, String> names = new LinkedHashMap<>();
    for (String state : columnFamilies.keySet()) {
      names.put(COLUMN_FAMILY_PREFIX + state, state);
    }
    KeyGroupRange range = keys.range();
    return (checkpointDirectory, stem) -> {
      try {
        return write(local, checkpointDirectory, stem + "-rocksdb", range, names);
      } finally {
        deleteRecursively(local);
      }
    };
  }

  private RocksDbKeyedStateHandle write(Path local, Path checkpointDirectory, String folder,
      KeyGroupRange range, Map<String, String> names) throws IOException {
    Path target = checkpointDirectory.resolve(folder);
    Files.createDirectories(target);
    List<Path> sources;
    try (Stream<Path> list = Files.list(local)) {
      sources = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
    List<StateFile> files = new ArrayList<>();
    for (Path source : sources) {
      String name = source.getFileName().toString();
      Path destination = target.resolve(name);
      WrittenFile file = null;
      if (name.endsWith(".sst")) {
        if (incremental) {
          file = link(written.get(name), destination);
        }
        if (file == null) {
          file = copy(source, destination);
        }
        written.put(name, file);
      } else {
        file = copy(source, destination);
      }
      files.add(new StateFile(folder + "/" + name, file.length(), file.crc32()));
    }
    return new RocksDbKeyedStateHandle(range, folder, files, names);
  }

  /** Hard-links an earlier checkpoint's copy; null if there is none or linking fails. */
  private static WrittenFile link(WrittenFile earlier, Path destination) {
    if (earlier == null) {
      return null;
    }
    try {
      if (Files.size(earlier.path()) != earlier.length()) {
        return null;
      }
      Files.createLink(destination, earlier.path());
      return new WrittenFile(destination, earlier.length(), earlier.crc32());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Gone (its checkpoint was deleted), or another file system: copy instead.
      try {
        Files.deleteIfExists(destination);
      } catch (IOException ignored) {
        // copy() will fail with a clear error if it is still there
      }
      return null;
    }
  }

  /** Copies {@code source} to {@code destination}, computing the CRC-32 on the way. */
  private static WrittenFile copy(Path source, Path destination) throws IOException {
    CRC32 crc = new CRC32();
    long length = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = Files.newOutputStream(destination)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        crc.update(buffer, 0, n);
        out.write(buffer, 0, n);
        length += n;
      }
    }
    return new WrittenFile(destination, length, crc.getValue());
  }

  // ---- restore ----

  /**
   * Loads the handles' state. Called before any state is registered. One handle of exactly this
   * range is copied in as the database; otherwise the entries of this range's key groups are copied
   * out of each handle's database, opened temporarily.
   */
  @Override
  public void restore(List<RestoredKeyedState> handles) throws Exception {
    checkOpen();
    if (!states.isEmpty()) {
      throw new IllegalStateException("restore must come before any state is registered");
    }
    for (RestoredKeyedState restored : handles) {
      if (!(restored.handle() instanceof RocksDbKeyedStateHandle)) {
        throw new IllegalStateException("the rocksdb state backend cannot restore "
            + restored.handle().getClass().getSimpleName()
            + ": the checkpoint was taken with another state backend");
      }
    }
    if (handles.isEmpty()) {
      return;
    }
    KeyGroupRange range = keys.range();
    if (handles.size() == 1 && handles.get(0).handle().keyGroupRange().equals(range)) {
      RestoredKeyedState restored = handles.get(0);
      RocksDbKeyedStateHandle h = (RocksDbKeyedStateHandle) restored.handle();
      closeDb();
      deleteRecursively(dbDirectory);
      Files.createDirectories(dbDirectory);
      copyFiles(restored.checkpointDirectory(), h, dbDirectory, true);
      openDb(dbDirectory);
      return;
    }
    int i = 0;
    for (RestoredKeyedState restored : handles) {
      RocksDbKeyedStateHandle h = (RocksDbKeyedStateHandle) restored.handle();
      KeyGroupRange old = h.keyGroupRange();
      int from = Math.max(old.start(), range.start());
      int to = Math.min(old.end(), range.end());
      if (from > to) {
        continue;
      }
      Path temporary = directory.resolve("restore-" + i++);
      deleteRecursively(temporary);
      Files.createDirectories(temporary);
      try {
        copyFiles(restored.checkpointDirectory(), h, temporary, false);
        copyKeyGroups(temporary, from, to);
      } finally {
        deleteRecursively(temporary);
      }
    }
  }

  /**
   * Copies the handle's files into {@code destination}; remembers the table files' checkpoint
   * copies for incremental checkpoints if {@code remember} (the database will hold these files).
   */
  private void copyFiles(Path checkpointDirectory, RocksDbKeyedStateHandle h, Path destination,
      boolean remember) throws IOException {
    for (StateFile file : h.files()) {
      Path source = checkpointDirectory.resolve(file.name());
      String name = source.getFileName().toString();
      Files.copy(source, destination.resolve(name));
      if (remember && incremental && name.endsWith(".sst")) {
        written.put(name, new WrittenFile(source.toAbsolutePath(), file.length(), file.crc32()));
      }
    }
  }

  /** Copies the entries of key groups {@code from..to} of the database in {@code path} into ours. */
  private void copyKeyGroups(Path path, int from, int to) throws RocksDBException {
    List<byte[]> names;
    try (Options options = new Options()) {
      names = RocksDB.listColumnFamilies(options, path.toString());
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] name : names) {
      descriptors.add(new ColumnFamilyDescriptor(name, columnFamilyOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    byte[] lower = Bytes.keyGroupPrefix(from);
    try (RocksDB source = RocksDB.openReadOnly(dbOptions, path.toString(), descriptors, handles)) {
      try {
        for (int i = 0; i < names.size(); i++) {
          String name = new String(names.get(i), StandardCharsets.UTF_8);
          if (!name.startsWith(COLUMN_FAMILY_PREFIX)) {
            continue;
          }
          ColumnFamilyHandle target = columnFamily(name.substring(COLUMN_FAMILY_PREFIX.length()));
          try (ReadOptions read = new ReadOptions().setFillCache(false);
              RocksIterator it = source.newIterator(handles.get(i), read);
              WriteBatch batch = new WriteBatch()) {
            for (it.seek(lower); it.isValid(); it.next()) {
              byte[] key = it.key();
              if (Bytes.keyGroupOf(key) > to) {
                break;
              }
              batch.put(target, key, it.value());
              if (batch.getDataSize() >= 4 << 20) {
                db.write(writeOptions, batch);
                batch.clear();
              }
            }
            it.status();
            db.write(writeOptions, batch);
          }
        }
      } finally {
        for (ColumnFamilyHandle h : handles) {
          h.close();
        }
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the keyed state backend is closed");
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
