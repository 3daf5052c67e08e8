package dev.runnel.rocksdb.state;

import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyGroups;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Backends in a temporary folder, with a processing-time clock the test moves by hand. */
final class RocksTestSupport implements AutoCloseable {
  static final int MAX_PARALLELISM = 128;
  static final long MEMORY = 64L << 20;

  /** The manual clock. */
  long now = 1_000;

  private final Path root;
  private final List<RocksDbKeyedStateBackend> opened = new ArrayList<>();
  private int count;

  RocksTestSupport(Path root) {
    this.root = root;
  }

  RocksDbKeyedStateBackend backend() throws IOException {
    return backend(KeyGroups.rangeOf(0, MAX_PARALLELISM, 1), true);
  }

  RocksDbKeyedStateBackend backend(KeyGroupRange range, boolean incremental) throws IOException {
    RocksDbKeyedStateBackend b = new RocksDbKeyedStateBackend(range, MAX_PARALLELISM, () -> now,
        root.resolve("backend-" + count++), MEMORY, incremental);
    opened.add(b);
    return b;
  }

  @Override
  public void close() {
    for (RocksDbKeyedStateBackend b : opened) {
      b.close();
    }
  }
}
