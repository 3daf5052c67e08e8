package dev.runnel.runtime.state;

/**
 * The state of one key group of one state: a hash table from (key, namespace) to the stored value.
 *
 * <p>Why a table of its own rather than {@code HashMap<Key, HashMap<Namespace, Value>>} or a
 * {@code HashMap} over a (key, namespace) pair: the nested maps cost a second lookup on every
 * access, and the pair costs an allocation on every read. Here an entry holds key and namespace
 * side by side, a lookup allocates nothing, and the key's hash is the one {@link KeyContext}
 * already computed for the key group. The table is the unit a snapshot will copy (one key group
 * alone), and the only place that needs changing to make snapshots copy-on-write.
 *
 * <p>The bucket index comes from a multiplicative (Fibonacci) hash of the combined hash code and
 * takes the high bits. It must not use the low bits of the key-group hash: all keys of one key
 * group share those.
 *
 * <p>Not thread-safe: owned by one subtask thread.
 *
 * @param <N> namespace type
 * @param <S> stored value type
 */
public final class StateMap<N, S> {
  private static final int MIN_CAPACITY = 16;
  private static final int GOLDEN = 0x9E3779B9;

  /** One mapping. The value is mutable; key, namespace and hash are not. */
  static final class Entry<N, S> {
    final Object key;
    final N namespace;
    final int hash;
    S value;
    Entry<N, S> next;

    Entry(Object key, N namespace, int hash, S value, Entry<N, S> next) {
      this.key = key;
      this.namespace = namespace;
      this.hash = hash;
      this.value = value;
      this.next = next;
    }
  }

  /** What {@link #forEach} calls for each mapping. */
  @FunctionalInterface
  public interface EntryVisitor<N, S> {
    void visit(Object key, N namespace, S value);
  }

  /** What {@link #transformAll} calls for each mapping: the new value, or null to remove it. */
  @FunctionalInterface
  public interface ValueTransform<N, S> {
    S apply(Object key, N namespace, S value);
  }

  private Entry<N, S>[] buckets;
  private int shift;
  private int size;

  public StateMap() {
    buckets = newBuckets(MIN_CAPACITY);
    shift = 32 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
  }

  /** The combined hash of a key (given by its {@code hashCode()}) and a namespace. */
  static int hash(int keyHash, Object namespace) {
    return (keyHash * 31 + namespace.hashCode()) * GOLDEN;
  }

  public S get(Object key, int keyHash, N namespace) {
    int h = hash(keyHash, namespace);
    for (Entry<N, S> e = buckets[h >>> shift]; e != null; e = e.next) {
      if (e.hash == h && matches(e, key, namespace)) {
        return e.value;
      }
    }
    return null;
  }

  /** Maps (key, namespace) to {@code value}, which must not be null; returns the previous value. */
  public S put(Object key, int keyHash, N namespace, S value) {
    int h = hash(keyHash, namespace);
    for (Entry<N, S> e = buckets[h >>> shift]; e != null; e = e.next) {
      if (e.hash == h && matches(e, key, namespace)) {
        S old = e.value;
        e.value = value;
        return old;
      }
    }
    insert(key, namespace, h, value);
    return null;
  }

  // Apart from put, so that put (overwriting, on the hot path of every value update) stays small
  // enough for the JIT to inline.
  private void insert(Object key, N namespace, int h, S value) {
    int index = h >>> shift;
    buckets[index] = new Entry<>(key, namespace, h, value, buckets[index]);
    if (++size > buckets.length - (buckets.length >>> 2)) {
      resize(buckets.length * 2);
    }
  }

  /** Removes the mapping of (key, namespace); returns its value, or null if there was none. */
  public S remove(Object key, int keyHash, N namespace) {
    int h = hash(keyHash, namespace);
    int index = h >>> shift;
    Entry<N, S> prev = null;
    for (Entry<N, S> e = buckets[index]; e != null; prev = e, e = e.next) {
      if (e.hash == h && matches(e, key, namespace)) {
        if (prev == null) {
          buckets[index] = e.next;
        } else {
          prev.next = e.next;
        }
        size--;
        return e.value;
      }
    }
    return null;
  }

  public int size() {
    return size;
  }

  /** The length of the longest bucket chain; for tests of the hash spreading. */
  int longestChain() {
    int longest = 0;
    for (Entry<N, S> head : buckets) {
      int n = 0;
      for (Entry<N, S> e = head; e != null; e = e.next) {
        n++;
      }
      longest = Math.max(longest, n);
    }
    return longest;
  }

  public void forEach(EntryVisitor<N, S> visitor) {
    for (Entry<N, S> head : buckets) {
      for (Entry<N, S> e = head; e != null; e = e.next) {
        visitor.visit(e.key, e.namespace, e.value);
      }
    }
  }

  /**
   * Replaces every value with what {@code transform} returns for it, removing the mappings for
   * which it returns null; then shrinks the table if it became mostly empty. Returns how many
   * mappings were removed.
   */
  public int transformAll(ValueTransform<N, S> transform) {
    int removed = 0;
    for (int i = 0; i < buckets.length; i++) {
      Entry<N, S> prev = null;
      for (Entry<N, S> e = buckets[i]; e != null; e = e.next) {
        S next = transform.apply(e.key, e.namespace, e.value);
        if (next == null) {
          if (prev == null) {
            buckets[i] = e.next;
          } else {
            prev.next = e.next;
          }
          removed++;
        } else {
          e.value = next;
          prev = e;
        }
      }
    }
    size -= removed;
    if (buckets.length > MIN_CAPACITY && size < buckets.length >>> 3) {
      resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size) * 2) * 2));
    }
    return removed;
  }

  private static boolean matches(Entry<?, ?> e, Object key, Object namespace) {
    return (e.key == key || e.key.equals(key))
        && (e.namespace == namespace || e.namespace.equals(namespace));
  }

  private void resize(int capacity) {
    Entry<N, S>[] old = buckets;
    buckets = newBuckets(capacity);
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    for (Entry<N, S> head : old) {
      Entry<N, S> e = head;
      while (e != null) {
        Entry<N, S> next = e.next;
        int index = e.hash >>> shift;
        e.next = buckets[index];
        buckets[index] = e;
        e = next;
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <N, S> Entry<N, S>[] newBuckets(int capacity) {
    return new Entry[capacity];
  }
}
