package dev.runnel.api.eventtime;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a stream gets event time: how to read each element's timestamp, and how watermarks follow
 * from the timestamps. Immutable; each {@code with…} method returns a new strategy.
 *
 * <pre>{@code
 * WatermarkStrategy<Order> strategy = WatermarkStrategy
 *     .<Order>forBoundedOutOfOrderness(Duration.ofSeconds(5))
 *     .withTimestampAssigner((order, ts) -> order.timeMillis())
 *     .withIdleness(Duration.ofMinutes(1));
 * DataStream<Order> orders = env.fromSource(source, strategy, "orders");
 * }</pre>
 *
 * <p>Semantics, as in Apache Flink: with bounded out-of-orderness {@code b}, the watermark is
 * {@code max timestamp − b − 1 ms}; watermarks are emitted every watermark interval of processing
 * time, or after every element when the interval is zero (which makes a run over a file
 * deterministic); a bounded input that ends emits a final watermark at the end of time.
 *
 * @param <T> element type
 */
@Public
public final class WatermarkStrategy<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final WatermarkGeneratorSupplier<T> generator;
  private final TimestampAssigner<T> timestampAssigner;
  private final Duration idleTimeout;
  private final TimestampBounds timestampBounds;

  private WatermarkStrategy(WatermarkGeneratorSupplier<T> generator,
      TimestampAssigner<T> timestampAssigner, Duration idleTimeout,
      TimestampBounds timestampBounds) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.timestampAssigner = timestampAssigner;
    this.idleTimeout = idleTimeout;
    this.timestampBounds = timestampBounds;
  }

  /** Timestamps never decrease: the watermark is the largest timestamp seen − 1 ms. */
  public static <T> WatermarkStrategy<T> forMonotonousTimestamps() {
    return forBoundedOutOfOrderness(Duration.ZERO);
  }

  /** Elements arrive at most {@code bound} later than a newer element. */
  public static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration bound) {
    Objects.requireNonNull(bound, "bound");
    if (bound.isNegative()) {
      throw new IllegalArgumentException("out-of-orderness bound must not be negative: " + bound);
    }
    return new WatermarkStrategy<>(() -> new BoundedOutOfOrdernessWatermarks<>(bound), null, null,
        null);
  }

  /** Watermarks from a generator of your own. */
  public static <T> WatermarkStrategy<T> forGenerator(WatermarkGeneratorSupplier<T> generator) {
    return new WatermarkStrategy<>(generator, null, null, null);
  }

  /**
   * Reads timestamps with {@code assigner}. Without one, elements keep the timestamps their
   * source gave them (a source that gives none leaves them without event time).
   */
  public WatermarkStrategy<T> withTimestampAssigner(TimestampAssigner<T> assigner) {
    return new WatermarkStrategy<>(generator, Objects.requireNonNull(assigner, "assigner"),
        idleTimeout, timestampBounds);
  }

  /**
   * Marks the input idle when it has had no element for {@code timeout} of processing time, so
   * that it does not hold back the watermark of the operators it feeds.
   */
  public WatermarkStrategy<T> withIdleness(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
    }
    return new WatermarkStrategy<>(generator, timestampAssigner, timeout, timestampBounds);
  }

  /**
   * Rejects records whose event time is not believable ({@link TimestampBounds}): at a source, such
   * a record goes to the source's dead-letter output if it has one, and fails the job naming the
   * record's position otherwise; it never reaches the watermark generator. Without bounds (the
   * default), every timestamp is taken as it is, as in Apache Flink.
   */
  public WatermarkStrategy<T> withTimestampBounds(TimestampBounds bounds) {
    return new WatermarkStrategy<>(generator, timestampAssigner, idleTimeout,
        Objects.requireNonNull(bounds, "bounds"));
  }

  public WatermarkGeneratorSupplier<T> generatorSupplier() {
    return generator;
  }

  /** The assigner, or null when elements keep their source timestamps. */
  public TimestampAssigner<T> timestampAssigner() {
    return timestampAssigner;
  }

  /** The bounds event times are checked against, or null when they are not checked. */
  public TimestampBounds timestampBounds() {
    return timestampBounds;
  }

  /** The idle timeout, or null when the input is never marked idle. */
  public Duration idleTimeout() {
    return idleTimeout;
  }
}
