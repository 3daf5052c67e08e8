package dev.runnel.runtime.time;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A binary min-heap of {@code long}s, duplicates allowed. The timer service keeps one per time
 * domain for the timestamps that have timers; a {@code PriorityQueue<Long>} would box every
 * timestamp and chase a pointer on every comparison.
 */
final class LongMinHeap {
  private long[] heap = new long[16];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void add(long value) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      long p = heap[parent];
      if (p <= value) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = value;
  }

  /** The smallest value; the heap must not be empty. */
  long peek() {
    if (size == 0) {
      throw new NoSuchElementException();
    }
    return heap[0];
  }

  /** Removes and returns the smallest value; the heap must not be empty. */
  long poll() {
    long top = peek();
    long last = heap[--size];
    if (size > 0) {
      siftDown(0, last);
    }
    return top;
  }

  /**
   * Replaces the contents with {@code values[0, count)} in O(count) (bottom-up heapify), and
   * shrinks the array if it had grown far beyond that, so that a heap that once held many stale
   * timestamps gives the memory back.
   */
  void rebuild(long[] values, int count) {
    int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, count)) << 1);
    if (heap.length < count || heap.length > 4 * capacity) {
      heap = new long[capacity];
    }
    System.arraycopy(values, 0, heap, 0, count);
    size = count;
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i, heap[i]);
    }
  }

  private void siftDown(int i, long value) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      long c = heap[child];
      int right = child + 1;
      if (right < size && heap[right] < c) {
        child = right;
        c = heap[right];
      }
      if (value <= c) {
        break;
      }
      heap[i] = c;
      i = child;
    }
    heap[i] = value;
  }
}
