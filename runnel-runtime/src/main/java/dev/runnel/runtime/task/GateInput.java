package dev.runnel.runtime.task;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.runtime.exchange.ControlElement;
import dev.runnel.runtime.exchange.EndOfPartition;
import dev.runnel.runtime.exchange.InputGate;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.exchange.WatermarkStatus;
import dev.runnel.runtime.exchange.WatermarkValve;
import dev.runnel.runtime.operators.Output;

/**
 * Drives a chain from its input channels: each step drains one batch, passing records to the head
 * and combining the channels' watermarks through a {@link WatermarkValve}.
 */
final class GateInput implements InputDriver, WatermarkValve.ValveOutput,
    BarrierAligner.ElementHandler {
  private final InputGate gate;
  private final WatermarkValve valve;
  private final Output head;
  private final BarrierAligner aligner;

  /** @param head the chain head's input, which counts records and pins failures on the head */
  GateInput(InputGate gate, Output head, BarrierAligner.Handler checkpoints) {
    this(gate, head, checkpoints, false);
  }

  /** @param eventTimeOrder whether to order the channels by event time ({@link BarrierAligner}) */
  GateInput(InputGate gate, Output head, BarrierAligner.Handler checkpoints,
      boolean eventTimeOrder) {
    this.gate = gate;
    this.aligner = new BarrierAligner(gate, checkpoints, eventTimeOrder);
    this.valve = new WatermarkValve(gate.channelCount());
    this.head = head;
  }

  @Override
  public void open() {}

  @Override
  public InputStatus step() {
    return aligner.step(this);
  }

  @Override
  public void record(int channel, Object record, long timestamp) {
    head.emit(record, timestamp);
  }

  @Override
  public void control(int channel, ControlElement control) {
    if (control instanceof Watermark w) {
      valve.onWatermark(channel, w.timestamp(), this);
    } else if (control instanceof WatermarkStatus s) {
      valve.onStatus(channel, s.isIdle(), this);
    } else if (control instanceof EndOfPartition) {
      gate.markEnded(channel);
      aligner.onEnd(channel);
      valve.onEnd(channel, this);
    }
  }

  @Override
  public void watermark(long watermark) {
    head.emitWatermark(watermark);
  }

  @Override
  public void idle(boolean idle) {
    head.emitWatermarkStatus(idle);
  }

  @Override
  public void close() {}
}
