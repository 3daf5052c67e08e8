package dev.runnel.test;

import dev.runnel.api.annotation.Public;
import dev.runnel.runtime.operators.Output;

/**
 * One step of the input that {@link OperatorVerifier} replays into an operator: an element of
 * input 1 or 2 (with an event timestamp or without), a watermark of one input or of all, or a move
 * of the processing-time clock.
 *
 * <pre>{@code
 * List<OperatorInput> input = List.of(
 *     OperatorInput.element(new Click("ann"), 1_000),
 *     OperatorInput.watermark(1_500),
 *     OperatorInput.processingTime(60_000));
 * }</pre>
 *
 * <p>For a one-input operator use {@link #element} and {@link #watermark}; for a two-input
 * operator also {@link #element2}, {@link #watermark1} and {@link #watermark2}. Immutable.
 */
@Public
public final class OperatorInput {
  enum Kind { ELEMENT, WATERMARK, PROCESSING_TIME }

  final Kind kind;
  /** 1 or 2 for an element or a watermark of one input; 0 for a watermark of every input. */
  final int input;
  final Object value;
  /** The element's timestamp ({@link Output#NO_TIMESTAMP} for none), the watermark or the time. */
  final long time;

  private OperatorInput(Kind kind, int input, Object value, long time) {
    this.kind = kind;
    this.input = input;
    this.value = value;
    this.time = time;
  }

  /** An element of input 1 with its event timestamp in epoch milliseconds. */
  public static OperatorInput element(Object value, long timestamp) {
    return new OperatorInput(Kind.ELEMENT, 1, value, checkTimestamp(timestamp));
  }

  /** An element of input 1 without a timestamp. */
  public static OperatorInput element(Object value) {
    return new OperatorInput(Kind.ELEMENT, 1, value, Output.NO_TIMESTAMP);
  }

  /** An element of input 2 (of a two-input operator) with its event timestamp. */
  public static OperatorInput element2(Object value, long timestamp) {
    return new OperatorInput(Kind.ELEMENT, 2, value, checkTimestamp(timestamp));
  }

  /** An element of input 2 (of a two-input operator) without a timestamp. */
  public static OperatorInput element2(Object value) {
    return new OperatorInput(Kind.ELEMENT, 2, value, Output.NO_TIMESTAMP);
  }

  /** Every input's watermark reaches {@code watermark}. */
  public static OperatorInput watermark(long watermark) {
    return new OperatorInput(Kind.WATERMARK, 0, null, watermark);
  }

  /** Input 1's watermark reaches {@code watermark} (two-input operators). */
  public static OperatorInput watermark1(long watermark) {
    return new OperatorInput(Kind.WATERMARK, 1, null, watermark);
  }

  /** Input 2's watermark reaches {@code watermark} (two-input operators). */
  public static OperatorInput watermark2(long watermark) {
    return new OperatorInput(Kind.WATERMARK, 2, null, watermark);
  }

  /** The processing-time clock moves to {@code time}, firing what is due by then. */
  public static OperatorInput processingTime(long time) {
    return new OperatorInput(Kind.PROCESSING_TIME, 0, null, time);
  }

  private static long checkTimestamp(long timestamp) {
    if (timestamp == Output.NO_TIMESTAMP) {
      throw new IllegalArgumentException("Long.MIN_VALUE means 'no timestamp' to the runtime: "
          + "use the factory without a timestamp for an element without one");
    }
    return timestamp;
  }

  boolean hasTimestamp() {
    return kind == Kind.ELEMENT && time != Output.NO_TIMESTAMP;
  }

  /** Feeds this step to {@code harness}. */
  void applyTo(AbstractOperatorHarness<?, ?> harness) {
    switch (kind) {
      case ELEMENT -> harness.processInput(input, value, time);
      case WATERMARK -> harness.processWatermarkOf(input, time);
      case PROCESSING_TIME -> harness.setProcessingTime(time);
    }
  }

  @Override
  public String toString() {
    String of = input == 0 || kind == Kind.ELEMENT && input == 1 ? "" : " of input " + input;
    return switch (kind) {
      case ELEMENT -> "element " + value + (time == Output.NO_TIMESTAMP ? "" : "@" + time) + of;
      case WATERMARK -> "watermark " + (time == Long.MAX_VALUE ? "MAX" : time) + of;
      case PROCESSING_TIME -> "processing time " + time;
    };
  }
}
