package dev.runnel.runtime.task;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.runtime.exchange.CheckpointBarrier;
import dev.runnel.runtime.exchange.ControlElement;
import dev.runnel.runtime.exchange.ElementBatch;
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
final class GateInput implements InputDriver, WatermarkValve.ValveOutput {
  private final InputGate gate;
  private final WatermarkValve valve;
  private final Output head;

  /** @param head the chain head's input, which counts records and pins failures on the head */
  GateInput(InputGate gate, Output head) {
    this.gate = gate;
    this.valve = new WatermarkValve(gate.channelCount());
    this.head = head;
  }

  @Override
  public void open() {}

  @Override
  public InputStatus step() {
    ElementBatch batch = gate.poll();
    if (batch == null) {
      return gate.allEnded() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }
    int channel = gate.lastChannel();
    for (int i = 0, n = batch.size(); i < n; i++) {
      Object element = batch.element(i);
      if (element instanceof ControlElement control) {
        onControl(channel, control);
      } else {
        head.emit(element, batch.timestamp(i));
      }
    }
    gate.recycle(batch);
    return gate.allEnded() ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
  }

  private void onControl(int channel, ControlElement control) {
    if (control instanceof Watermark w) {
      valve.onWatermark(channel, w.timestamp(), this);
    } else if (control instanceof WatermarkStatus s) {
      valve.onStatus(channel, s.isIdle(), this);
    } else if (control instanceof EndOfPartition) {
      gate.markEnded(channel);
      valve.onEnd(channel, this);
    } else if (control instanceof CheckpointBarrier b) {
      // Nothing injects barriers until checkpointing exists; receiving one is a runtime bug.
      throw new IllegalStateException("unexpected " + b + ": checkpointing is not enabled");
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
