package dev.runnel.test;

import dev.runnel.api.OutputTag;
import dev.runnel.runtime.operators.Output;
import java.util.ArrayList;
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

  List<TimestampedValue<Object>> main() {
    return main;
  }

  List<TimestampedValue<Object>> side(OutputTag<?> tag) {
    return sides.getOrDefault(tag, List.of());
  }

  List<Long> watermarks() {
    return watermarks;
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
