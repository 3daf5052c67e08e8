package dev.runnel.rocksdb.state;

import dev.runnel.runtime.serialization.ObjectSerializer;
import dev.runnel.runtime.serialization.StateSerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Byte-level helpers for keys and values: big-endian numbers, concatenation, serialization. */
final class Bytes {
  private Bytes() {}

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** A key group as the two big-endian bytes that start every key. */
  static byte[] keyGroupPrefix(int keyGroup) {
    if (keyGroup < 0 || keyGroup > 0xffff) {
      throw new IllegalArgumentException("key group out of range: " + keyGroup);
    }
    return new byte[] {(byte) (keyGroup >>> 8), (byte) keyGroup};
  }

  /** The key group of a stored key: its first two bytes, unsigned, big-endian. */
  static int keyGroupOf(byte[] key) {
    return ((key[0] & 0xff) << 8) | (key[1] & 0xff);
  }

  /** {@code length} (4 bytes, big-endian) followed by the bytes of {@code part}. */
  static byte[] lengthPrefixed(byte[] part) {
    byte[] r = new byte[4 + part.length];
    writeInt(r, 0, part.length);
    System.arraycopy(part, 0, r, 4, part.length);
    return r;
  }

  static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static long readLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  /** Value bytes: the serialized value, preceded by its 8-byte timestamp if {@code stamped}. */
  static byte[] encode(Object value, boolean stamped, long timestamp) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      if (stamped) {
        out.writeLong(timestamp);
      }
      ObjectSerializer.write(out, value);
    } catch (IOException e) {
      throw new StateSerializationException(e);
    }
    return bytes.toByteArray();
  }

  /** The value of bytes made by {@link #encode}, skipping the timestamp if {@code stamped}. */
  static Object decode(byte[] bytes, boolean stamped) {
    return decode(bytes, stamped ? 8 : 0);
  }

  static Object decode(byte[] bytes, int offset) {
    try {
      return ObjectSerializer.read(
          new DataInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset)));
    } catch (IOException e) {
      throw new StateSerializationException(e);
    }
  }
}
