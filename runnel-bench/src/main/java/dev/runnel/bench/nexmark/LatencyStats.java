package dev.runnel.bench.nexmark;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Latencies of the window results of one run, from {@link LatencyLog}'s records.
 *
 * @param results window results whose latency was measured
 * @param windows distinct window ends among them
 * @param flushed results of windows that no recorded source watermark passed: fired by the final
 *     watermark at the end of the input, so without a latency (not counted in {@code results})
 * @param p50Millis median latency, milliseconds (nearest rank)
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param maxMillis largest latency
 * @param channels source subtasks that recorded watermarks
 */
public record LatencyStats(int results, int windows, int flushed, double p50Millis,
    double p99Millis, double p999Millis, double maxMillis, int channels) {

  /** Computes the latencies of the recorded results against the recorded watermarks. */
  public static LatencyStats compute(List<LatencyLog.Channel> channels, long[] windowEnds,
      long[] arrivalNanos) {
    long[] latencies = new long[windowEnds.length];
    Set<Long> windows = new HashSet<>();
    int n = 0;
    int flushed = 0;
    for (int i = 0; i < windowEnds.length; i++) {
      long passed = LatencyLog.passedAt(channels, windowEnds[i] - 1);
      if (passed < 0) {
        flushed++;
        continue;
      }
      latencies[n++] = arrivalNanos[i] - passed;
      windows.add(windowEnds[i]);
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    return new LatencyStats(n, windows.size(), flushed, percentile(sorted, 50) / 1e6,
        percentile(sorted, 99) / 1e6, percentile(sorted, 99.9) / 1e6,
        n == 0 ? Double.NaN : sorted[n - 1] / 1e6, channels.size());
  }

  /**
   * The {@code p}-th percentile of ascending {@code sorted} by the nearest-rank method: the
   * smallest value with at least {@code p} % of the values at or below it; NaN when empty.
   */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    // the tolerance keeps binary fractions from bumping an exact rank up (99.9 % of 1000 is 999)
    int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  /**
   * For each result whose window was not flushed by the end of input, how long after its
   * <em>schedule</em> it arrived, sorted, in nanoseconds: a source exactly on time (event time
   * {@code baseTime + x} emitted at {@code startNanos + x}) lets the watermark reach {@code end - 1}
   * at {@code startNanos + (end - baseTime + bound)}; an engine that cannot keep up with the rate
   * falls behind that schedule, which the latency from the watermark alone does not show.
   */
  public static long[] behindSchedule(List<LatencyLog.Channel> channels, long[] windowEnds,
      long[] arrivalNanos, long startNanos, long baseTime, long boundMillis) {
    long[] lags = new long[windowEnds.length];
    int n = 0;
    for (int i = 0; i < windowEnds.length; i++) {
      if (LatencyLog.passedAt(channels, windowEnds[i] - 1) < 0) {
        continue;
      }
      long scheduled = startNanos + (windowEnds[i] - baseTime + boundMillis) * 1_000_000L;
      lags[n++] = arrivalNanos[i] - scheduled;
    }
    long[] sorted = Arrays.copyOf(lags, n);
    Arrays.sort(sorted);
    return sorted;
  }
}
