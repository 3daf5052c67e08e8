package dev.runnel.runtime.state;

import dev.runnel.api.state.StateBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the {@link KeyedStateBackendFactory} of a {@link StateBackend}: the heap backend is built
 * in; others (RocksDB) are found on the classpath through {@link ServiceLoader}.
 */
public final class StateBackends {
  private StateBackends() {}

  /** Every backend on the classpath, the heap first. */
  public static List<KeyedStateBackendFactory> all() {
    List<KeyedStateBackendFactory> all = new ArrayList<>();
    all.add(new HeapKeyedStateBackendFactory());
    for (KeyedStateBackendFactory f : ServiceLoader.load(KeyedStateBackendFactory.class)) {
      if (!f.name().equals("heap")) {
        all.add(f);
      }
    }
    return all;
  }

  /** The factory of {@code backend}: by name. */
  public static KeyedStateBackendFactory factoryFor(StateBackend backend) {
    return factoryFor(backend.name());
  }

  /**
   * The factory named {@code name}.
   *
   * @throws IllegalArgumentException naming the backends that are available
   */
  public static KeyedStateBackendFactory factoryFor(String name) {
    List<String> names = new ArrayList<>();
    for (KeyedStateBackendFactory f : all()) {
      if (f.name().equals(name)) {
        return f;
      }
      names.add(f.name());
    }
    throw new IllegalArgumentException("unknown state backend '" + name + "'; available: "
        + String.join(", ", names)
        + (name.equals("rocksdb") ? " (add the dependency dev.runnel:runnel-rocksdb)" : ""));
  }
}
