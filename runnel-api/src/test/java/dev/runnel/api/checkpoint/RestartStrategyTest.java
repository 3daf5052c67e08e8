package dev.runnel.api.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartStrategyTest {
  @Test
  void when_none_then_noAttempts() {
    assertThat(RestartStrategy.none().maxAttempts()).isZero();
  }

  @Test
  void when_fixedDelay_then_everyAttemptWaitsTheSame() {
    RestartStrategy s = RestartStrategy.fixedDelay(3, Duration.ofMillis(250));
    assertThat(s.maxAttempts()).isEqualTo(3);
    assertThat(s.delayBefore(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(s.delayBefore(3)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void when_exponentialDelay_then_delaysGrowUpToTheMaximum() {
    RestartStrategy s = RestartStrategy.exponentialDelay(
        10, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);
    assertThat(s.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(s.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(s.delayBefore(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(s.delayBefore(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.delayBefore(10)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void when_invalid_then_clearErrors() {
    assertThatThrownBy(() -> RestartStrategy.fixedDelay(0, Duration.ZERO))
        .hasMessageContaining("restart attempts must be >= 1");
    assertThatThrownBy(() -> RestartStrategy.exponentialDelay(
        1, Duration.ZERO, Duration.ZERO, 0.5)).hasMessageContaining("multiplier");
  }
}
