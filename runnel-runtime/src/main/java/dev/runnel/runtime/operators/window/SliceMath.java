package dev.runnel.runtime.operators.window;

/**
 * The arithmetic of sliced event-time windows: windows of {@code size} starting every {@code
 * slide} (at {@code offset} modulo {@code slide}), cut into slices of {@code gcd(size, slide)}.
 * Every window start and end is a slice boundary, so each window is exactly {@code size / slice}
 * consecutive slices, and each element lies in exactly one slice. Needs {@code slide <= size}
 * (every timestamp then lies in at least one window). Pure functions; tested on their own.
 *
 * <pre>{@code
 * SliceMath m = new SliceMath(10_000, 100, 0);   // slice = 100
 * m.sliceStart(12_345);       // 12_300
 * m.lastWindowStart(12_345);  // 12_300: the window [12300, 22300) is the last containing it
 * m.firstWindowStart(12_300); //  2_400: [2400, 12400) is the first containing that slice
 * }</pre>
 */
public final class SliceMath {
  private final long size;
  private final long slide;
  private final long offset;
  private final long slice;

  public SliceMath(long size, long slide, long offset) {
    if (size <= 0 || slide <= 0 || slide > size) {
      throw new IllegalArgumentException(
          "sliced windows need 0 < slide <= size, got size " + size + ", slide " + slide);
    }
    this.size = size;
    this.slide = slide;
    this.offset = Math.floorMod(offset, slide);
    this.slice = gcd(size, slide);
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  public long size() {
    return size;
  }

  public long slide() {
    return slide;
  }

  /** The slice length, {@code gcd(size, slide)}. */
  public long slice() {
    return slice;
  }

  /** Number of slices in one window. */
  public int slicesPerWindow() {
    return (int) (size / slice);
  }

  /** Start of the slice containing {@code timestamp}. */
  public long sliceStart(long timestamp) {
    return timestamp - Math.floorMod(timestamp - offset, slice);
  }

  /** Start of the last (latest-starting) window containing {@code timestamp}. */
  public long lastWindowStart(long timestamp) {
    return timestamp - Math.floorMod(timestamp - offset, slide);
  }

  /** Start of the first (earliest-starting) window containing the slice at {@code sliceStart}. */
  public long firstWindowStart(long sliceStart) {
    long last = lastWindowStart(sliceStart);
    long earliestAllowed = sliceStart + slice - size;
    return last - ((last - earliestAllowed) / slide) * slide;
  }
}
