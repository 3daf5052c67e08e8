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

  /** One emitted record: {@code output} is {@link #MAIN} or a side output's id. */
  record Emitted(String output, Object value, Long timestamp) {
    @Override
    public String toString() {
      return (output.equals(MAIN) ? "" : output + ": ") + value
          + (timestamp == null ? "" : "@" + timestamp);
    }
  }

  /** Everything emitted in one stretch: records (main output first, then side outputs by id). */
  record Emissions(List<Emitted> records, List<Long> watermarks) {}

  /** The name {@link Emitted} gives the main output. */
  static final String MAIN = "main";

  /** Everything recorded since the last take or clear, which it then forgets. */
  Emissions take() {
    List<Emitted> records = new ArrayList<>();
    for (TimestampedValue<Object> r : main) {
      records.add(new Emitted(MAIN, r.value(), r.timestamp()));
    }
    List<OutputTag<?>> tags = new ArrayList<>(sides.keySet());
    tags.sort((a, b) -> a.id().compareTo(b.id()));
    for (OutputTag<?> tag : tags) {
      for (TimestampedValue<Object> r : sides.get(tag)) {
        records.add(new Emitted("side output '" + tag.id() + "'", r.value(), r.timestamp()));
      }
    }
    Emissions taken = new Emissions(records, List.copyOf(watermarks));
    clear();
    return taken;
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
