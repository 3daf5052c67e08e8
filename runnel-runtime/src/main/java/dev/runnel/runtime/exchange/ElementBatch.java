package dev.runnel.runtime.exchange;

import java.util.Arrays;

/**
 * A batch of elements moved through a channel as one unit, so that the cost of a queue operation
 * (a few volatile accesses) is paid once per batch rather than once per record. Record timestamps
 * live in a parallel primitive array to avoid a wrapper object per record.
 */
public final class ElementBatch {
  private final Object[] elements;
  private final long[] timestamps;
  private int size;

  public ElementBatch(int capacity) {
    this.elements = new Object[capacity];
    this.timestamps = new long[capacity];
  }

  /** Appends an element; the caller checks {@link #isFull()} first. */
  public void add(Object element, long timestamp) {
    elements[size] = element;
    timestamps[size] = timestamp;
    size++;
  }

  public Object element(int i) {
    return elements[i];
  }

  public long timestamp(int i) {
    return timestamps[i];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public boolean isFull() {
    return size == elements.length;
  }

  /** Empties the batch for reuse, dropping references so consumed records can be collected. */
  public void clear() {
    Arrays.fill(elements, 0, size, null);
    size = 0;
  }
}
