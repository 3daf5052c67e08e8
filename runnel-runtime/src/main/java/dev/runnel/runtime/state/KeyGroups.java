package dev.runnel.runtime.state;

/**
 * The key-group arithmetic that decides where a key lives. A key belongs to one of {@code
 * maxParallelism} key groups for ever; subtask {@code i} of {@code p} owns a contiguous range of
 * them. Rescaling only moves whole key groups, so state never has to be re-hashed.
 */
public final class KeyGroups {
  private KeyGroups() {}

  /** The key group of {@code key}: a well-mixed hash of its {@code hashCode()}, mod max parallelism. */
  public static int keyGroupOf(Object key, int maxParallelism) {
    return keyGroupOfHash(key.hashCode(), maxParallelism);
  }

  /** The key group of a key whose {@code hashCode()} is {@code keyHash}. */
  public static int keyGroupOfHash(int keyHash, int maxParallelism) {
    return (mix(keyHash) & 0x7fffffff) % maxParallelism;
  }

  /** The subtask (of {@code parallelism}) that owns {@code keyGroup}. */
  public static int subtaskOf(int keyGroup, int maxParallelism, int parallelism) {
    return keyGroup * parallelism / maxParallelism;
  }

  /** The key groups owned by subtask {@code subtask}: exactly those for which {@link #subtaskOf} is it. */
  public static KeyGroupRange rangeOf(int subtask, int maxParallelism, int parallelism) {
    if (parallelism > maxParallelism) {
      throw new IllegalArgumentException(
          "parallelism " + parallelism + " exceeds max parallelism " + maxParallelism);
    }
    int start = (subtask * maxParallelism + parallelism - 1) / parallelism;
    int end = ((subtask + 1) * maxParallelism - 1) / parallelism;
    return new KeyGroupRange(start, end);
  }

  /**
   * The 32-bit finalisation step of MurmurHash3: spreads poor {@code hashCode()}s (small integers,
   * strings that differ in the last character) evenly over the key groups.
   */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
