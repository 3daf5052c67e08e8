package dev.runnel.bench.nexmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  private static final long MS = 1_000_000L;

  @Test
  void channelFindsTheFirstWatermarkAtOrAboveATime() {
    LatencyLog.Channel c = new LatencyLog.Channel();
    c.record(Long.MIN_VALUE, 0); // "no watermark yet": ignored
    assertThat(c.size()).isZero();
    c.record(100, 1 * MS);
    c.record(100, 2 * MS); // does not advance: ignored
    c.record(90, 3 * MS); // goes back: ignored
    c.record(200, 4 * MS);
    c.record(300, 5 * MS);
    assertThat(c.size()).isEqualTo(3);
    assertThat(c.reachedAt(50)).isEqualTo(1 * MS);
    assertThat(c.reachedAt(100)).isEqualTo(1 * MS);
    assertThat(c.reachedAt(101)).isEqualTo(4 * MS);
    assertThat(c.reachedAt(300)).isEqualTo(5 * MS);
    assertThat(c.reachedAt(301)).isEqualTo(-1);
    assertThat(c.last()).isEqualTo(300);
  }

  @Test
  void theStreamWatermarkPassesWhenTheSlowestSubtaskDoes() {
    LatencyLog.Channel fast = new LatencyLog.Channel();
    LatencyLog.Channel slow = new LatencyLog.Channel();
    fast.record(9_999, 10 * MS);
    slow.record(5_000, 10 * MS);
    slow.record(9_999, 30 * MS);
    fast.record(20_000, 40 * MS);
    List<LatencyLog.Channel> both = List.of(fast, slow);
    assertThat(LatencyLog.passedAt(both, 9_999)).isEqualTo(30 * MS);
    assertThat(LatencyLog.passedAt(both, 4_000)).isEqualTo(10 * MS);
    assertThat(LatencyLog.passedAt(both, 10_000)).isEqualTo(-1); // slow never got there
    assertThat(LatencyLog.passedAt(List.of(), 1)).isEqualTo(-1);
  }

  @Test
  void latencyIsArrivalMinusTheMomentTheWatermarkReachedWindowEndMinusOne() {
    LatencyLog.Channel a = new LatencyLog.Channel();
    LatencyLog.Channel b = new LatencyLog.Channel();
    a.record(9_998, 100 * MS);
    a.record(9_999, 200 * MS);
    b.record(9_999, 250 * MS);
    a.record(19_999, 300 * MS);
    b.record(19_999, 310 * MS);
    // window ends: 10_000 (passed at 250 ms), 20_000 (passed at 310 ms), 30_000 (never: flushed)
    long[] ends = {10_000, 10_000, 20_000, 30_000};
    long[] arrivals = {255 * MS, 260 * MS, 340 * MS, 400 * MS};
    LatencyStats s = LatencyStats.compute(List.of(a, b), ends, arrivals);
    assertThat(s.results()).isEqualTo(3);
    assertThat(s.windows()).isEqualTo(2);
    assertThat(s.flushed()).isEqualTo(1);
    assertThat(s.channels()).isEqualTo(2);
    assertThat(s.p50Millis()).isEqualTo(10.0); // 5, 10, 30 ms
    assertThat(s.maxMillis()).isEqualTo(30.0);
    assertThat(s.p99Millis()).isEqualTo(30.0);

    long[] behind = LatencyStats.behindSchedule(List.of(a, b), ends, arrivals, 0, 0, 4_000);
    // scheduled: (10_000 + 4_000) ms after start for the first window, 24 s for the second
    assertThat(behind).containsExactly(340 * MS - 24_000 * MS, 255 * MS - 14_000 * MS,
        260 * MS - 14_000 * MS); // sorted
  }

  @Test
  void percentilesUseTheNearestRank() {
    long[] values = new long[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i + 1; // 1 … 1000
    }
    assertThat(LatencyStats.percentile(values, 50)).isEqualTo(500);
    assertThat(LatencyStats.percentile(values, 99)).isEqualTo(990);
    assertThat(LatencyStats.percentile(values, 99.9)).isEqualTo(999);
    assertThat(LatencyStats.percentile(values, 100)).isEqualTo(1000);
    assertThat(LatencyStats.percentile(new long[] {7}, 99.9)).isEqualTo(7);
    assertThat(LatencyStats.percentile(new long[] {1, 2, 3}, 50)).isEqualTo(2);
    assertThat(LatencyStats.percentile(new long[0], 50)).isNaN();
  }

  @Test
  void ratesDefaultToHalfTheMaxAndAcceptPerQueryValues() {
    LatencyBenchmark.Options o = LatencyBenchmark.Options.parse(new String[] {"--latency"});
    assertThat(o.rates()).isEqualTo(Map.of("q5", 3.33e6 / 2, "q7", 15.24e6 / 2));
    o = LatencyBenchmark.Options.parse(
        new String[] {"--latency", "--query", "q7", "--rate", "q5=1M,q7=7.5M", "--seconds", "30"});
    assertThat(o.rates()).isEqualTo(Map.of("q7", 7.5e6));
    assertThat(o.seconds()).isEqualTo(30);
    o = LatencyBenchmark.Options.parse(new String[] {"--latency", "--max-rate=2000k"});
    assertThat(o.rates()).isEqualTo(Map.of("q5", 1e6, "q7", 1e6));
    assertThatThrownBy(() -> LatencyBenchmark.Options.parse(new String[] {"--query", "q3"}))
        .isInstanceOf(NexmarkBenchmark.UsageException.class);
  }
}
