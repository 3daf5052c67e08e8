package dev.runnel.runtime.exchange;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded, lock-free queue for exactly one producer thread and one consumer thread. {@link
 * #offer} fails instead of blocking when the queue is full; that failure is how backpressure
 * propagates.
 *
 * <p>Each side caches the other side's index and re-reads it (a volatile read) only when the cache
 * says the queue is full or empty, so the common case touches no shared cache line but the slot.
 *
 * @param <E> element type
 */
public final class SpscQueue<E> {
  private static final VarHandle HEAD;
  private static final VarHandle TAIL;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(SpscQueue.class, "head", long.class);
      TAIL = lookup.findVarHandle(SpscQueue.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object[] slots;
  private final int mask;

  // Written by the consumer only.
  @SuppressWarnings("unused")
  private volatile long head;
  private long cachedTail;

  // Written by the producer only.
  @SuppressWarnings("unused")
  private volatile long tail;
  private long cachedHead;

  /** @param capacity rounded up to a power of two */
  public SpscQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    int size = Integer.highestOneBit(capacity - 1) << 1;
    slots = new Object[Math.max(size, 1)];
    mask = slots.length - 1;
  }

  public int capacity() {
    return slots.length;
  }

  /** Producer side: adds {@code e} if there is room. */
  public boolean offer(E e) {
    long t = (long) TAIL.getOpaque(this);
    if (t - cachedHead >= slots.length) {
      cachedHead = (long) HEAD.getAcquire(this);
      if (t - cachedHead >= slots.length) {
        return false;
      }
    }
    slots[(int) t & mask] = e;
    TAIL.setRelease(this, t + 1);
    return true;
  }

  /** Producer side: whether an {@link #offer} would succeed now. */
  public boolean hasRoom() {
    long t = (long) TAIL.getOpaque(this);
    if (t - cachedHead < slots.length) {
      return true;
    }
    cachedHead = (long) HEAD.getAcquire(this);
    return t - cachedHead < slots.length;
  }

  /** Consumer side: removes and returns the oldest element, or null if the queue is empty. */
  @SuppressWarnings("unchecked")
  public E poll() {
    long h = (long) HEAD.getOpaque(this);
    if (h >= cachedTail) {
      cachedTail = (long) TAIL.getAcquire(this);
      if (h >= cachedTail) {
        return null;
      }
    }
    int i = (int) h & mask;
    E e = (E) slots[i];
    slots[i] = null;
    HEAD.setRelease(this, h + 1);
    return e;
  }

  /** Either side: an estimate of the number of elements, for metrics. */
  public int size() {
    long s = (long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this);
    return (int) Math.max(0, Math.min(s, slots.length));
  }
}
