package dev.runnel.cli;

import java.time.Instant;
import java.util.List;

/**
 * The watermark each record of an input file meets downstream of the source, computed
 * independently of Runnel for runs with {@code --watermark-interval 0}: the source emits {@code
 * max timestamp so far − bound − 1} after every record, so record {@code i} meets the watermark
 * made of records {@code 0 … i−1} ({@code Long.MIN_VALUE} before any).
 */
final class SourceWatermarks {
  private SourceWatermarks() {}

  static long[] before(List<Long> timestamps, long boundMillis) {
    long[] watermarks = new long[timestamps.size()];
    long max = Long.MIN_VALUE;
    for (int i = 0; i < timestamps.size(); i++) {
      watermarks[i] = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - boundMillis - 1;
      max = Math.max(max, timestamps.get(i));
    }
    return watermarks;
  }

  /** A timestamp as the input shows it: ISO-8601 for even {@code i}, epoch millis for odd. */
  static String json(long millis, int i) {
    return i % 2 == 0 ? "\"" + Instant.ofEpochMilli(millis) + "\"" : Long.toString(millis);
  }
}
