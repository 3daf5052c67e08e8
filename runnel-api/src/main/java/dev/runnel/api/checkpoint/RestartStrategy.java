package dev.runnel.api.checkpoint;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What a job does when a task fails: give up ({@link #none()}, the default), or restore from the
 * last completed checkpoint (from the start if there is none) and go on, a bounded number of
 * times.
 *
 * <pre>{@code
 * env.setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ofSeconds(1)));
 * env.setRestartStrategy(RestartStrategy.exponentialDelay(
 *     10, Duration.ofMillis(100), Duration.ofSeconds(30), 2.0));
 * }</pre>
 */
@Public
public final class RestartStrategy implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;

  private RestartStrategy(int maxAttempts, Duration initialDelay, Duration maxDelay,
      double multiplier) {
    this.maxAttempts = maxAttempts;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.multiplier = multiplier;
  }

  /** The first failure fails the job. */
  public static RestartStrategy none() {
    return new RestartStrategy(0, Duration.ZERO, Duration.ZERO, 1);
  }

  /** Up to {@code attempts} restarts, each after {@code delay}. */
  public static RestartStrategy fixedDelay(int attempts, Duration delay) {
    checkAttempts(attempts);
    Objects.requireNonNull(delay, "delay");
    return new RestartStrategy(attempts, delay, delay, 1);
  }

  /**
   * Up to {@code attempts} restarts; the first after {@code initialDelay}, each next one
   * {@code multiplier} times longer, never longer than {@code maxDelay}.
   */
  public static RestartStrategy exponentialDelay(int attempts, Duration initialDelay,
      Duration maxDelay, double multiplier) {
    checkAttempts(attempts);
    Objects.requireNonNull(initialDelay, "initial delay");
    Objects.requireNonNull(maxDelay, "max delay");
    if (multiplier < 1) {
      throw new IllegalArgumentException("backoff multiplier must be >= 1, was " + multiplier);
    }
    return new RestartStrategy(attempts, initialDelay, maxDelay, multiplier);
  }

  private static void checkAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("restart attempts must be >= 1, was " + attempts);
    }
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before restart number {@code attempt} (1-based). */
  public Duration delayBefore(int attempt) {
    double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
    return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
  }

  @Override
  public String toString() {
    if (maxAttempts == 0) {
      return "RestartStrategy.none()";
    }
    return multiplier == 1
        ? "RestartStrategy.fixedDelay(" + maxAttempts + ", " + initialDelay + ")"
        : "RestartStrategy.exponentialDelay(" + maxAttempts + ", " + initialDelay + ", " + maxDelay
            + ", " + multiplier + ")";
  }
}
