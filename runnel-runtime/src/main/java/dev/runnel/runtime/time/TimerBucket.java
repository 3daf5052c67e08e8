package dev.runnel.runtime.time;

import java.util.function.Consumer;

/**
 * The pending timers of one time domain at one time, as a set in registration order (see {@link
 * InternalTimerService}).
 *
 * <p>Written out rather than a {@code LinkedHashSet} because there can be millions of timers: a
 * {@code LinkedHashSet} allocates a 40-byte entry per timer and chases pointers through it, where
 * this keeps the timers in an array in registration order plus their hashes, and finds them
 * through an open-addressing table (linear probing) of positions in that array: about 16 bytes per
 * timer besides the {@link TimerKey}, no allocation per timer, and firing walks the array.
 *
 * <p>A removed timer leaves a hole in the array (its table slot is freed at once, by backward
 * shifting, so lookups never see tombstones). Holes are squeezed out when the array is full, and
 * the arrays shrink once less than an eighth of them holds timers, so memory stays proportional
 * to the pending timers under register/delete churn.
 */
final class TimerBucket<N> {
  private static final int MIN_CAPACITY = 4;

  final long time;
  /** Registration order; null where a timer was removed. */
  private TimerKey<N>[] timers;
  private int[] hashes;
  /** Slots of {@link #timers} in use (timers and holes). */
  private int end;
  /** Every slot before it is a hole: where firing resumes. */
  private int head;
  private int size;
  /** Position + 1 in {@link #timers}, or 0 for a free slot; twice as long as {@link #timers}. */
  private int[] table;

  TimerBucket(long time) {
    this.time = time;
    allocate(MIN_CAPACITY);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Adds {@code timer} last; false if it is here already. */
  boolean add(TimerKey<N> timer) {
    int hash = timer.hashCode();
    if (find(timer, hash) >= 0) {
      return false;
    }
    if (end == timers.length) {
      // squeeze out the holes if they are at least half, else grow
      resize(size <= end / 2 ? timers.length : timers.length * 2);
    }
    int position = end++;
    timers[position] = timer;
    hashes[position] = hash;
    int mask = table.length - 1;
    int slot = hash & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = position + 1;
    size++;
    return true;
  }

  /** Removes {@code timer}; false if it was not here. */
  boolean remove(TimerKey<N> timer) {
    int slot = find(timer, timer.hashCode());
    if (slot < 0) {
      return false;
    }
    removeAt(slot);
    return true;
  }

  /** Removes and returns the earliest registered timer; the bucket must not be empty. */
  TimerKey<N> pollFirst() {
    TimerKey<N> first = timers[head]; // head is never a hole while the bucket is not empty
    int mask = table.length - 1;
    int slot = hashes[head] & mask;
    while (table[slot] != head + 1) {
      slot = (slot + 1) & mask;
    }
    removeAt(slot);
    return first;
  }

  void forEach(Consumer<TimerKey<N>> action) {
    for (int i = head; i < end; i++) {
      if (timers[i] != null) {
        action.accept(timers[i]);
      }
    }
  }

  /** The table slot of {@code timer}, or -1. */
  private int find(TimerKey<N> timer, int hash) {
    int mask = table.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int position = entry - 1;
      if (hashes[position] == hash && timer.equals(timers[position])) {
        return slot;
      }
    }
  }

  private void removeAt(int slot) {
    int position = table[slot] - 1;
    timers[position] = null;
    size--;
    if (size == 0) {
      head = end; // nothing to walk over
    } else if (position == head) {
      while (timers[head] == null) {
        head++;
      }
    }
    // Backward shift: move up later entries of the probe run that may sit in the freed slot, so
    // that a lookup stops only at a truly free slot.
    int mask = table.length - 1;
    int free = slot;
    for (int next = (free + 1) & mask; table[next] != 0; next = (next + 1) & mask) {
      int home = hashes[table[next] - 1] & mask;
      boolean stays = free <= next ? free < home && home <= next : free < home || home <= next;
      if (!stays) {
        table[free] = table[next];
        free = next;
      }
    }
    table[free] = 0;
    if (size > 0 && size < timers.length / 8 && timers.length > MIN_CAPACITY) {
      resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(size) * 4));
    }
  }

  /** Moves the timers, in order and without holes, into arrays of {@code capacity} slots. */
  private void resize(int capacity) {
    TimerKey<N>[] oldTimers = timers;
    int[] oldHashes = hashes;
    int oldEnd = end;
    allocate(capacity);
    int mask = table.length - 1;
    for (int i = head; i < oldEnd; i++) {
      if (oldTimers[i] != null) {
        int position = end++;
        timers[position] = oldTimers[i];
        int hash = oldHashes[i];
        hashes[position] = hash;
        int slot = hash & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = position + 1;
      }
    }
    head = 0;
  }

  @SuppressWarnings("unchecked")
  private void allocate(int capacity) {
    timers = (TimerKey<N>[]) new TimerKey<?>[capacity];
    hashes = new int[capacity];
    table = new int[capacity * 2];
    end = 0;
    head = 0;
  }

  @Override
  public String toString() {
    return "TimerBucket[time=" + time + ", size=" + size + "]";
  }

  /** The length of the arrays; for tests. */
  int capacity() {
    return timers.length;
  }
}
