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
  private final BarrierAligner aligner;

  /** @param head the chain head's input, which counts records and pins failures on the head */
  GateInput(InputGate gate, Output head, BarrierAligner.Handler checkpoints) {
    this.gate = gate;
    this.aligner = new BarrierAligner(gate, checkpoints);
    this.valve = new WatermarkValve(gate.channelCount());
    this.head = head;
  }

  @Override
  public void open() {}

  @Override
  public InputStatus step() {
    ElementBatch batch;
    int channel;
    int from;
    BarrierAligner.Parked parked = aligner.pollParked();
    if (parked != null) {
      batch = parked.batch();
      channel = parked.channel();
      from = parked.next();
    } else {
      batch = gate.poll();
      if (batch == null) {
        return gate.allEnded() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
      }
      channel = gate.lastChannel();
      from = 0;
    }
    for (int i = from, n = batch.size(); i < n; i++) {
      Object element = batch.element(i);
      if (element instanceof CheckpointBarrier b) {
        if (aligner.onBarrier(channel, b.checkpointId()) && i + 1 < n) {
          aligner.park(batch, i + 1, channel); // the rest belongs after the checkpoint
          return InputStatus.MORE_AVAILABLE;
        }
      } else if (element instanceof ControlElement control) {
        onControl(channel, control);
      } else {
        head.emit(element, batch.timestamp(i));
      }
    }
    gate.recycle(batch, channel);
    return gate.allEnded() ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
  }

  private void onControl(int channel, ControlElement control) {
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
