package dev.runnel.test;

import dev.runnel.api.OutputTag;
import dev.runnel.runtime.operators.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Output} of an operator under {@link OneInputOperatorHarness}: keeps everything it is
 * given, in order. Unlike the runtime's {@code OutputRouter} it keeps every side output, since a
 * harness has no downstream that decides which tags are consumed.
 */
final class RecordingOutput implements Output {
  private final List<TimestampedValue<Object>> main = new ArrayList<>();
  private final Map<OutputTag<?>, List<TimestampedValue<Object>>> sides = new HashMap<>();
  private final List<Long> watermarks = new ArrayList<>();
  private Boolean lastIdleStatus;

  @Override
  public void emit(Object record, long timestamp) {
    main.add(new TimestampedValue<>(record, apiTimestamp(timestamp)));
  }

  @Override
  public void emitSide(OutputTag<?> tag, Object record, long timestamp) {
    sides.computeIfAbsent(tag, t -> new ArrayList<>())
        .add(new TimestampedValue<>(record, apiTimestamp(timestamp)));
  }

  @Override
  public void emitWatermark(long watermark) {
    watermarks.add(watermark);
  }

  @Override
  public void emitWatermarkStatus(boolean idle) {
    lastIdleStatus = idle;
  }

  /** The last idleness the operator emitted, or null if it never emitted one. */
  Boolean lastIdleStatus() {
    return lastIdleStatus;
  }

  /** The main output's values, in order, as an unmodifiable copy. */
  @SuppressWarnings("unchecked")
  <O> List<O> mainValues() {
    List<O> values = new ArrayList<>(main.size());
    for (TimestampedValue<Object> r : main) {
      values.add((O) r.value());
    }
    return Collections.unmodifiableList(values);
  }

  /** The main output with timestamps, in order, as an unmodifiable copy. */
  @SuppressWarnings("unchecked")
  <O> List<TimestampedValue<O>> mainWithTimestamps() {
    List<TimestampedValue<O>> records = new ArrayList<>(main.size());
    for (TimestampedValue<Object> r : main) {
      records.add((TimestampedValue<O>) (TimestampedValue<?>) r);
    }
    return Collections.unmodifiableList(records);
  }

  /** Side output {@code tag}'s values, in order, as an unmodifiable copy; empty if none. */
  @SuppressWarnings("unchecked")
  <X> List<X> sideValues(OutputTag<X> tag) {
    List<X> values = new ArrayList<>();
    for (TimestampedValue<Object> r : sides.getOrDefault(tag, List.of())) {
      values.add((X) r.value());
    }
    return Collections.unmodifiableList(values);
  }

  /** The watermarks emitted, in order, as an unmodifiable copy. */
  List<Long> watermarks() {
    return List.copyOf(watermarks);
  }

  void clear() {
    main.clear();
    sides.clear();
    watermarks.clear();
  }

  private static Long apiTimestamp(long timestamp) {
    return timestamp == NO_TIMESTAMP ? null : timestamp;
  }
}
