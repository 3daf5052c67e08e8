package dev.runnel.runtime.operators.window;

import dev.runnel.runtime.serialization.ObjectSerializer;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * The slice accumulators of one key, indexed by slice number, in a circular array that grows to
 * the span of the slices present. A firing sliding window reads {@code size / slice} consecutive
 * slots instead of doing as many hash lookups. Not thread-safe.
 *
 * <pre>{@code
 * SliceBuffer b = new SliceBuffer();
 * b.put(7, acc);
 * b.get(7);     // acc
 * b.remove(7);  // b.isEmpty()
 * }</pre>
 *
 * <p>Serializable, for keyed state in checkpoints and in backends of bytes: only the slices present
 * are written, each accumulator by {@link ObjectSerializer} (so records need not be {@code
 * Serializable}).
 */
final class SliceBuffer implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Object[] slots = new Object[8];
  private transient long lo; // smallest slice number present (when not empty)
  private transient long hi; // largest slice number present
  private transient int count;

  Object get(long slice) {
    if (count == 0 || slice < lo || slice > hi) {
      return null;
    }
    return slots[index(slice)];
  }

  void put(long slice, Object acc) {
    if (count == 0) {
      lo = slice;
      hi = slice;
    } else if (slice < lo || slice > hi) {
      long newLo = Math.min(lo, slice);
      long newHi = Math.max(hi, slice);
      if (newHi - newLo + 1 > slots.length) {
        grow(newLo, newHi);
      }
      lo = newLo;
      hi = newHi;
    }
    int i = index(slice);
    if (slots[i] == null) {
      count++;
    }
    slots[i] = acc;
  }

  void remove(long slice) {
    if (count == 0 || slice < lo || slice > hi) {
      return;
    }
    int i = index(slice);
    if (slots[i] == null) {
      return;
    }
    slots[i] = null;
    count--;
    if (count == 0) {
      return;
    }
    while (slots[index(lo)] == null) {
      lo++;
    }
    while (slots[index(hi)] == null) {
      hi--;
    }
  }

  boolean isEmpty() {
    return count == 0;
  }

  private int index(long slice) {
    return (int) (slice & (slots.length - 1));
  }

  private void grow(long newLo, long newHi) {
    long span = newHi - newLo + 1;
    if (span > 1 << 30) {
      throw new IllegalStateException("a key's slices span " + span + " slices; too far apart");
    }
    int capacity = slots.length;
    while (capacity < span) {
      capacity <<= 1;
    }
    Object[] old = slots;
    int oldMask = old.length - 1;
    slots = new Object[capacity];
    for (long s = lo; s <= hi; s++) {
      slots[(int) (s & (capacity - 1))] = old[(int) (s & oldMask)];
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeInt(count);
    for (long s = lo; count > 0 && s <= hi; s++) {
      Object acc = slots[index(s)];
      if (acc != null) {
        out.writeLong(s);
        byte[] bytes = ObjectSerializer.toBytes(acc);
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  private void readObject(ObjectInputStream in) throws IOException {
    slots = new Object[8];
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      long slice = in.readLong();
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      put(slice, ObjectSerializer.fromBytes(bytes));
    }
  }
}
