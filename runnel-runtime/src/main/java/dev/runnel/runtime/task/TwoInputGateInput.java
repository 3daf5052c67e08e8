package dev.runnel.runtime.task;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.runtime.exchange.ControlElement;
import dev.runnel.runtime.exchange.EndOfPartition;
import dev.runnel.runtime.exchange.InputGate;
import dev.runnel.runtime.exchange.TwoInputWatermarkValve;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.exchange.WatermarkStatus;
import dev.runnel.runtime.exchange.WatermarkValve;
import dev.runnel.runtime.operators.OperatorCounters;
import dev.runnel.runtime.operators.TwoInputStreamOperator;

/**
 * Drives a chain whose head has two inputs: each step drains one batch from one channel, passes
 * its records to {@code processElement1} or {@code processElement2} by the input the channel
 * belongs to, and combines watermarks and idleness per input and then across both inputs ({@link
 * TwoInputWatermarkValve}). A failure of the head is pinned on it, with the record, as {@link
 * dev.runnel.runtime.operators.ChainedOutput} pins one in a chain.
 */
final class TwoInputGateInput implements InputDriver, WatermarkValve.ValveOutput,
    BarrierAligner.ElementHandler {
  private final InputGate gate;
  private final int[] inputOf;
  private final int[] channelInInput;
  private final TwoInputWatermarkValve valve;
  private final TwoInputStreamOperator<?> head;
  private final OperatorCounters counters;
  private final BarrierAligner aligner;

  /**
   * @param inputOf for each channel of {@code gate}, the input (1 or 2) it feeds
   */
  TwoInputGateInput(InputGate gate, int[] inputOf, TwoInputStreamOperator<?> head,
      BarrierAligner.Handler checkpoints) {
    this(gate, inputOf, head, checkpoints, false);
  }

  /** @param eventTimeOrder whether to order the channels by event time ({@link BarrierAligner}) */
  TwoInputGateInput(InputGate gate, int[] inputOf, TwoInputStreamOperator<?> head,
      BarrierAligner.Handler checkpoints, boolean eventTimeOrder) {
    if (inputOf.length != gate.channelCount()) {
      throw new IllegalArgumentException(
          inputOf.length + " input numbers for " + gate.channelCount() + " channels");
    }
    this.gate = gate;
    this.aligner = new BarrierAligner(gate, checkpoints, eventTimeOrder);
    this.inputOf = inputOf.clone();
    this.channelInInput = new int[inputOf.length];
    int[] count = new int[3];
    for (int c = 0; c < inputOf.length; c++) {
      channelInInput[c] = count[inputOf[c]]++;
    }
    this.valve = new TwoInputWatermarkValve(count[1], count[2]);
    this.head = head;
    this.counters = head.context().counters();
  }

  @Override
  public void open() {}

  @Override
  public InputStatus step() {
    return aligner.step(this);
  }

  @Override
  public void record(int channel, Object record, long timestamp) {
    process(inputOf[channel] == 1, record, timestamp);
  }

  private void process(boolean first, Object record, long timestamp) {
    counters.recordsIn++;
    try {
      if (first) {
        head.processElement1(record, timestamp);
      } else {
        head.processElement2(record, timestamp);
      }
    } catch (Exception e) {
      throw head.context().failureOf(e, record);
    }
  }

  @Override
  public void control(int channel, ControlElement control) {
    int input = inputOf[channel];
    int local = channelInInput[channel];
    if (control instanceof Watermark w) {
      valve.onWatermark(input, local, w.timestamp(), this);
    } else if (control instanceof WatermarkStatus s) {
      valve.onStatus(input, local, s.isIdle(), this);
    } else if (control instanceof EndOfPartition) {
      gate.markEnded(channel);
      aligner.onEnd(channel);
      valve.onEnd(input, local, this);
    }
  }

  @Override
  public void watermark(long watermark) {
    try {
      head.processWatermark(watermark);
    } catch (Exception e) {
      throw head.context().failureOf(e);
    }
  }

  @Override
  public void idle(boolean idle) {
    try {
      head.processWatermarkStatus(idle);
    } catch (Exception e) {
      throw head.context().failureOf(e);
    }
  }

  @Override
  public void close() {}
}
