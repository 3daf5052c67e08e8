package dev.runnel.runtime.exchange;

import dev.runnel.api.functions.KeySelector;
import dev.runnel.runtime.state.KeyGroups;

/**
 * Sends each record to the subtask that owns its key's key group, so that one key always reaches
 * one subtask however the job is scaled.
 */
public final class KeyGroupPartitioner implements Partitioner {
  private final KeySelector<Object, ?> keySelector;
  private final int maxParallelism;
  private final int parallelism;

  public KeyGroupPartitioner(KeySelector<Object, ?> keySelector, int maxParallelism, int parallelism) {
    this.keySelector = keySelector;
    this.maxParallelism = maxParallelism;
    this.parallelism = parallelism;
  }

  @Override
  public int select(Object record) throws Exception {
    Object key = keySelector.getKey(record);
    if (key == null) {
      throw new NullPointerException("the key selector returned null; keys must not be null");
    }
    int keyGroup = KeyGroups.keyGroupOf(key, maxParallelism);
    return KeyGroups.subtaskOf(keyGroup, maxParallelism, parallelism);
  }
}
