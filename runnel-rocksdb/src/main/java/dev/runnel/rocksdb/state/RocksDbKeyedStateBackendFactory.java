package dev.runnel.rocksdb.state;

import dev.runnel.api.state.StateBackend;
import dev.runnel.rocksdb.RocksDbStateBackend;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.KeyedStateHandle;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Makes {@link RocksDbKeyedStateBackend}s: the {@code rocksdb} state backend, found by the runtime
 * through {@link java.util.ServiceLoader}.
 */
public final class RocksDbKeyedStateBackendFactory implements KeyedStateBackendFactory {
  @Override
  public String name() {
    return "rocksdb";
  }

  @Override
  public StateBackend defaultConfiguration() {
    return new RocksDbStateBackend();
  }

  @Override
  public Class<? extends KeyedStateHandle> handleType() {
    return RocksDbKeyedStateHandle.class;
  }

  /**
   * The backend's working folder is a fresh folder under the configured local directory if one
   * was set, else the runtime's folder for the subtask, else a fresh folder under the default
   * local directory.
   */
  @Override
  public KeyedStateBackend create(Parameters p) throws Exception {
    RocksDbStateBackend config = p.configuration() instanceof RocksDbStateBackend r
        ? r
        : new RocksDbStateBackend();
    Path directory;
    if (config.hasLocalDirectory() || p.localDirectory() == null) {
      directory = config.localDirectory().resolve(sanitize(p.jobName()) + "-"
          + sanitize(p.operatorUid()) + "-" + p.subtaskIndex() + "-" + UUID.randomUUID());
    } else {
      directory = p.localDirectory();
    }
    return new RocksDbKeyedStateBackend(p.keyGroupRange(), p.maxParallelism(),
        p.processingTimeClock(), directory, config.managedMemory(),
        config.incrementalCheckpoints());
  }

  private static String sanitize(String s) {
    if (s == null) {
      return "x";
    }
    String r = s.replaceAll("[^A-Za-z0-9._-]", "_");
    return r.length() > 40 ? r.substring(0, 40) : r;
  }
}
