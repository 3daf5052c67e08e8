package dev.runnel.rocksdb.state;

import dev.runnel.runtime.checkpoint.StateFile;
import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyedStateHandle;
import java.util.List;
import java.util.Map;

/**
 * The RocksDB backend's keyed state in a checkpoint: a RocksDB checkpoint (table files, MANIFEST,
 * CURRENT, OPTIONS) in one folder of the checkpoint folder. Table files that an earlier checkpoint
 * of the same subtask already wrote are hard links to that checkpoint's copy, so every handle is
 * complete on its own: deleting another checkpoint's folder never breaks it.
 *
 * @param keyGroupRange the key groups whose state the files hold
 * @param directory the folder of the files, relative to the checkpoint folder
 * @param files every file, named relative to the checkpoint folder ({@code directory/name})
 * @param columnFamilies the database's column families (but {@code default}), by name, each with
 *     the name of the state it holds
 */
public record RocksDbKeyedStateHandle(
    KeyGroupRange keyGroupRange,
    String directory,
    List<StateFile> files,
    Map<String, String> columnFamilies) implements KeyedStateHandle {
  public RocksDbKeyedStateHandle {
    files = List.copyOf(files);
    columnFamilies = Map.copyOf(columnFamilies);
  }
}
