package dev.runnel.bench.nexmark;

import java.util.Arrays;

/** Median and spread of a few measurements. */
record Stats(double median, double min, double max, int n) {
  static Stats of(double[] values) {
    if (values.length == 0) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Stats(median, sorted[0], sorted[n - 1], n);
  }

  /** Half the range, as a percentage of the median: "± x %". */
  double spreadPercent() {
    return median == 0 ? 0 : (max - min) / 2 / median * 100;
  }
}
