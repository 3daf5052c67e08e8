package dev.runnel.api.state;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;

/**
 * Where keyed state lives while a job runs, and how it is written into checkpoints. Two come with
 * Runnel: {@link #heap()} (the default: Java objects in memory, fastest while state fits) and
 * {@code RocksDbStateBackend} from module {@code runnel-rocksdb} (state on local disk, larger than
 * memory, incremental checkpoints).
 *
 * <pre>{@code
 * env.setStateBackend(StateBackend.heap());
 * env.setStateBackend(new RocksDbStateBackend().setManagedMemory(256 << 20));
 * }</pre>
 */
@Public
public interface StateBackend extends Serializable {
  /** The backend's short name, as {@code --state-backend} takes it: {@code heap}, {@code rocksdb}. */
  String name();

  /** State in Java objects on the heap. */
  static StateBackend heap() {
    return HeapStateBackend.INSTANCE;
  }
}
