package dev.runnel.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private long now = Long.MAX_VALUE - TimeUnit.SECONDS.toNanos(1);

  @Test
  void when_rateIsSharedByThreeReaders_then_eachGetsAThirdWithoutRoundingDrift() {
    RateLimiter limiter = new RateLimiter(100, 3, () -> now);
    long total = limiter.available();
    limiter.consume(total);
    for (int ms = 0; ms < 3000; ms++) {
      now += TimeUnit.MILLISECONDS.toNanos(1); // crosses Long.MAX_VALUE: nanoTime may wrap
      long n = limiter.available();
      limiter.consume(n);
      total += n;
    }

    // 100/3 per second for 3 s, plus the first permit.
    assertThat(total).isEqualTo(1 + 100);
  }

  @Test
  void when_rateIsHugeAndTimeLong_then_budgetIsCappedWithoutOverflow() {
    RateLimiter limiter = new RateLimiter(Long.MAX_VALUE / 2, 1, () -> now);
    limiter.consume(limiter.available());

    now += TimeUnit.HOURS.toNanos(1);

    assertThat(limiter.available()).isPositive();
  }

  @Test
  void when_clockStandsStill_then_noPermitIsAdded() {
    RateLimiter limiter = new RateLimiter(1000, 1, () -> now);
    assertThat(limiter.available()).isEqualTo(1);
    limiter.consume(1);

    assertThat(limiter.available()).isZero();
  }

  @Test
  void when_rateOrShareIsInvalid_then_itIsRejected() {
    assertThatThrownBy(() -> new RateLimiter(0, 1, () -> now))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(5, 0, () -> now))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
