package dev.runnel.runtime.state;

/**
 * The key (and its key group) that keyed state currently reads and writes. Set by the keyed
 * operator before each element reaches user code.
 */
public final class KeyContext {
  private final KeyGroupRange range;
  private final int maxParallelism;
  private Object currentKey;
  private int currentKeyHash;
  private int currentKeyGroup = -1;

  public KeyContext(KeyGroupRange range, int maxParallelism) {
    this.range = range;
    this.maxParallelism = maxParallelism;
  }

  public void setCurrentKey(Object key) {
    int hash = key.hashCode();
    int keyGroup = KeyGroups.keyGroupOfHash(hash, maxParallelism);
    if (!range.contains(keyGroup)) {
      // Only possible if the key's hashCode differs between the producer and this subtask.
      throw new IllegalStateException("key " + key + " is in key group " + keyGroup
          + ", which this subtask does not own " + range
          + "; does the key have a stable hashCode()?");
    }
    currentKey = key;
    currentKeyHash = hash;
    currentKeyGroup = keyGroup;
  }

  public Object currentKey() {
    return currentKey;
  }

  /** The current key's {@code hashCode()}, computed once when the key was set. */
  int currentKeyHash() {
    return currentKeyHash;
  }

  /** The current key's key group, as an index into this subtask's range (0-based). */
  public int currentKeyGroupIndex() {
    return currentKeyGroup - range.start();
  }

  public KeyGroupRange range() {
    return range;
  }

  public int maxParallelism() {
    return maxParallelism;
  }

  void checkKeySet() {
    if (currentKey == null) {
      throw new IllegalStateException("keyed state is only accessible while processing an element");
    }
  }
}
