package dev.runnel.bench.kafka;

/**
 * A sequence of longs reduced to its length and an order-sensitive hash, so that the output of a
 * run of millions of records can be compared per key, in order, without keeping it.
 */
final class SequenceFingerprint {
  private long count;
  private long hash = 17;

  void add(long value) {
    count++;
    hash = hash * 1_000_003L + Long.hashCode(value) + (value >>> 32) * 31;
  }

  long count() {
    return count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequenceFingerprint f && f.count == count && f.hash == hash;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hash);
  }

  @Override
  public String toString() {
    return count + " values, hash " + Long.toHexString(hash);
  }
}
