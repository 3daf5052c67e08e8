package dev.runnel.runtime.operators.window;

import dev.runnel.runtime.serialization.ObjectSerializer;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The open sessions of one key, each {@code [start, end)} with its accumulator, sorted by start (a
 * key usually has one or two sessions, so a scan beats any map). Sessions never
 * overlap or touch (those merge), so they are sorted by end too. {@link #timer} is the time of the
 * key's earliest pending entry in the operator's due index. Not thread-safe.
 *
 * <p>Serializable, for keyed state in checkpoints and in backends of bytes: the accumulators are
 * written by {@link ObjectSerializer} (so records need not be {@code Serializable}).
 */
final class SessionList implements Serializable {
  private static final long serialVersionUID = 1L;

  // The first session inline: most keys have one, and each array would be one more cache miss on
  // every element of the key. Sessions 1.. are in the arrays, bounds as (start, end) pairs.
  private transient long start0;
  private transient long end0;
  private transient Object acc0;
  private transient long[] moreBounds;
  private transient Object[] moreAccs;
  private transient int size;
  /** The time the key is due in the operator's index (no later than the first end - 1). */
  transient long timer = Long.MAX_VALUE;

  int size() {
    return size;
  }

  long start(int i) {
    return i == 0 ? start0 : moreBounds[2 * (i - 1)];
  }

  long end(int i) {
    return i == 0 ? end0 : moreBounds[2 * (i - 1) + 1];
  }

  Object acc(int i) {
    return i == 0 ? acc0 : moreAccs[i - 1];
  }

  void setAcc(int i, Object acc) {
    if (i == 0) {
      acc0 = acc;
    } else {
      moreAccs[i - 1] = acc;
    }
  }

  /** Sets the bounds of session {@code i}; the caller keeps the order. */
  void setBounds(int i, long start, long end) {
    if (i == 0) {
      start0 = start;
      end0 = end;
    } else {
      moreBounds[2 * (i - 1)] = start;
      moreBounds[2 * (i - 1) + 1] = end;
    }
  }

  /** Index of the first session whose end is at or after {@code time} ({@link #size} if none). */
  int firstEndingAtOrAfter(long time) {
    int i = 0;
    while (i < size && end(i) < time) {
      i++;
    }
    return i;
  }

  /** Inserts a session at index {@code i}, which keeps the order. */
  void insert(int i, long start, long end, Object acc) {
    if (size >= 1 && (moreAccs == null || size - 1 == moreAccs.length)) {
      int capacity = moreAccs == null ? 2 : moreAccs.length * 2;
      moreBounds = moreBounds == null ? new long[2 * capacity]
          : Arrays.copyOf(moreBounds, 2 * capacity);
      moreAccs = moreAccs == null ? new Object[capacity]
          : Arrays.copyOf(moreAccs, capacity);
    }
    for (int k = size; k > i; k--) {
      setBounds(k, start(k - 1), end(k - 1));
      setAcc(k, acc(k - 1));
    }
    setBounds(i, start, end);
    setAcc(i, acc);
    size++;
  }

  /** Removes sessions {@code from} to {@code to}, inclusive. */
  void remove(int from, int to) {
    int n = to - from + 1;
    for (int k = from; k + n < size; k++) {
      setBounds(k, start(k + n), end(k + n));
      setAcc(k, acc(k + n));
    }
    for (int k = size - n; k < size; k++) {
      setAcc(k, null);
    }
    size -= n;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeLong(timer);
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeLong(start(i));
      out.writeLong(end(i));
      byte[] bytes = ObjectSerializer.toBytes(acc(i));
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private void readObject(ObjectInputStream in) throws IOException {
    timer = in.readLong();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      long start = in.readLong();
      long end = in.readLong();
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      insert(i, start, end, ObjectSerializer.fromBytes(bytes));
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("SessionList[");
    for (int i = 0; i < size; i++) {
      b.append(i == 0 ? "" : ", ").append('[').append(start(i)).append(',').append(end(i))
          .append(')');
    }
    return b.append(" due ").append(timer).append(']').toString();
  }
}
