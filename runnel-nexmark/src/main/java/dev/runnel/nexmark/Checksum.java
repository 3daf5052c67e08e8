package dev.runnel.nexmark;

import java.io.Serializable;

/**
 * An order-independent checksum of a stream of result records, so that two engines' outputs can
 * be compared without keeping them.
 *
 * <p><b>Definition.</b> The canonical form of a record is {@code String.valueOf(record)}: for the
 * NEXMark result records (Java records) that is {@code Record.toString()}, e.g. {@code
 * Q2Result[auction=1230, price=4711]}, with nested records in their own {@code toString()} form
 * and doubles as {@link Double#toString(double)}. The hash of a record is 64-bit FNV-1a over the
 * UTF-16 chars of its canonical form (offset basis {@code 0xcbf29ce484222325}, prime {@code
 * 0x100000001b3}, each char xored in whole), followed by the SplitMix64 finaliser. The checksum of
 * a multiset of records is the triple ({@code count}, {@code sum} of the hashes modulo 2^64,
 * {@code xor} of the hashes): it does not depend on the order of the records, and partial
 * checksums combine by adding counts and sums and xoring xors ({@link #combine}).
 *
 * @param count number of records
 * @param sum sum of the record hashes, modulo 2^64
 * @param xor xor of the record hashes
 */
public record Checksum(long count, long sum, long xor) implements Serializable {
  public static final Checksum EMPTY = new Checksum(0, 0, 0);

  /** The hash of one record's canonical form. */
  public static long hash(Object record) {
    return hashString(String.valueOf(record));
  }

  /** FNV-1a 64 over the chars of {@code s}, then the SplitMix64 finaliser. */
  public static long hashString(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0, n = s.length(); i < n; i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }

  /** The checksum of all of {@code records}. */
  public static Checksum of(Iterable<?> records) {
    Accumulator acc = new Accumulator();
    for (Object record : records) {
      acc.add(record);
    }
    return acc.result();
  }

  /** The checksum of the union of the records of this and {@code other}. */
  public Checksum combine(Checksum other) {
    return new Checksum(count + other.count, sum + other.sum, xor ^ other.xor);
  }

  /** {@code count=<n> sum=<16 hex digits> xor=<16 hex digits>}. */
  @Override
  public String toString() {
    return "count=" + count + " sum=" + hex(sum) + " xor=" + hex(xor);
  }

  private static String hex(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }

  /** A mutable checksum, for one thread: {@link #add} records, then take the {@link #result}. */
  public static final class Accumulator implements Serializable {
    private long count;
    private long sum;
    private long xor;

    public void add(Object record) {
      long h = hash(record);
      count++;
      sum += h;
      xor ^= h;
    }

    public void add(Checksum checksum) {
      count += checksum.count;
      sum += checksum.sum;
      xor ^= checksum.xor;
    }

    public Checksum result() {
      return new Checksum(count, sum, xor);
    }
  }
}
