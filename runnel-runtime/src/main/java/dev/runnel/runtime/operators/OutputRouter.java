package dev.runnel.runtime.operators;

import dev.runnel.api.OutputTag;
import java.util.Map;

/**
 * The output of one operator: its main output goes to every main consumer, each side output to
 * the consumers of that tag. Counts what the operator emits.
 */
public final class OutputRouter implements Output {
  private static final Output[] NONE = new Output[0];

  private final OperatorCounters counters;
  private final Output[] main;
  private final Map<OutputTag<?>, Output[]> sides;
  private final Output single;

  public OutputRouter(OperatorCounters counters, Output[] main, Map<OutputTag<?>, Output[]> sides) {
    this.counters = counters;
    this.main = main;
    this.sides = Map.copyOf(sides);
    this.single = main.length == 1 ? main[0] : null;
  }

  @Override
  public void emit(Object record, long timestamp) {
    counters.recordsOut++;
    if (single != null) {
      single.emit(record, timestamp);
      return;
    }
    for (Output o : main) {
      o.emit(record, timestamp);
    }
  }

  @Override
  public void emitSide(OutputTag<?> tag, Object record, long timestamp) {
    Output[] targets = sides.getOrDefault(tag, NONE);
    if (targets.length == 0) {
      counters.sideOutputsUnconsumed++;
      return;
    }
    for (Output o : targets) {
      o.emit(record, timestamp);
    }
  }

  @Override
  public void emitWatermarkStatus(boolean idle) {
    for (Output o : main) {
      o.emitWatermarkStatus(idle);
    }
    for (Output[] targets : sides.values()) {
      for (Output o : targets) {
        o.emitWatermarkStatus(idle);
      }
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    for (Output o : main) {
      o.emitWatermark(watermark);
    }
    for (Output[] targets : sides.values()) {
      for (Output o : targets) {
        o.emitWatermark(watermark);
      }
    }
  }
}
