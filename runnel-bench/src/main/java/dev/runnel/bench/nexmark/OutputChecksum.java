package dev.runnel.bench.nexmark;

/** Placeholder until runnel-nexmark's Checksum lands. */
public final class OutputChecksum {
  private OutputChecksum() {}

  public static long empty() {
    return 0;
  }

  public static long add(long checksum, Object record) {
    return checksum + mix(record.hashCode());
  }

  public static long combine(long a, long b) {
    return a + b;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
