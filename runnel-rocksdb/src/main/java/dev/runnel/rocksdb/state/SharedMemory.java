package dev.runnel.rocksdb.state;

import java.util.HashMap;
import java.util.Map;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;

/**
 * The native memory that every RocksDB instance of the JVM with the same managed-memory setting
 * shares: one LRU block cache of that size (data, index and filter blocks) and a write buffer
 * manager that charges memtables to the same cache, so that the total stays near the setting
 * however many states and subtasks there are. Reference-counted: released when the last backend
 * using it closes.
 */
final class SharedMemory {
  private static final Map<Long, SharedMemory> BY_SIZE = new HashMap<>();

  private final long size;
  private final Cache cache;
  private final WriteBufferManager writeBufferManager;
  private int users;

  private SharedMemory(long size) {
    this.size = size;
    // High-priority pool for index and filter blocks, so data blocks cannot evict them all.
    this.cache = new LRUCache(size, -1, false, 0.1);
    // Memtables may take up to half of the cache; flushes start when they reach that.
    this.writeBufferManager = new WriteBufferManager(size / 2, cache);
  }

  /** The shared memory of {@code size} bytes, creating it if no backend uses it now. */
  static synchronized SharedMemory acquire(long size) {
    SharedMemory m = BY_SIZE.computeIfAbsent(size, SharedMemory::new);
    m.users++;
    return m;
  }

  /** Gives back what {@link #acquire} gave; call after the database using it is closed. */
  void release() {
    synchronized (SharedMemory.class) {
      if (--users == 0) {
        BY_SIZE.remove(size);
        writeBufferManager.close();
        cache.close();
      }
    }
  }

  Cache cache() {
    return cache;
  }

  WriteBufferManager writeBufferManager() {
    return writeBufferManager;
  }

  long size() {
    return size;
  }
}
