package dev.runnel.runtime.task;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.runtime.exchange.CheckpointBarrier;
import dev.runnel.runtime.exchange.ControlElement;
import dev.runnel.runtime.exchange.ElementBatch;
import dev.runnel.runtime.exchange.EndOfPartition;
import dev.runnel.runtime.exchange.EventTimeOrder;
import dev.runnel.runtime.exchange.InputGate;
import dev.runnel.runtime.exchange.Watermark;

/**
 * Aligns checkpoint barriers over the channels of one {@link InputGate} (exactly-once alignment):
 * once barrier <i>n</i> arrives on a channel, that channel is held back until <i>n</i> has arrived
 * on every channel that has not ended; then the subtask snapshots its state and the held channels
 * resume. The rest of a batch behind a barrier is parked and handed out again, before anything
 * newer from its channel, once the channel may go on.
 *
 * <p>A channel that ends while a checkpoint is aligning counts as aligned: nothing more can come
 * from it. With one checkpoint in flight at a time, a barrier of a newer checkpoint can only arrive
 * while an older one aligns if the older one was abandoned; the older one is then dropped.
 *
 * <p><b>Event-time order.</b> Given an {@link EventTimeOrder}, the aligner also holds back every
 * channel that is ahead of the others in event time, parking the rest of its batch after the
 * watermark that put it ahead. A channel is then held while it is ahead or, during an alignment,
 * once it has delivered the barrier; barriers placed in event time ({@code EventTimeBarriers})
 * keep the two from waiting on each other.
 *
 * <p>Not thread-safe: the subtask's thread only.
 */
final class BarrierAligner {
  /** What the subtask does when a checkpoint's barriers have arrived on every channel. */
  interface Handler {
    void onAligned(long checkpointId);
  }

  /** Where the elements of the gate go, other than barriers. */
  interface ElementHandler {
    void record(int channel, Object record, long timestamp);

    /** A watermark, watermark status or end-of-partition marker. */
    void control(int channel, ControlElement control);
  }

  /** A batch's elements from {@code next} on, held back while its channel waits. */
  record Parked(ElementBatch batch, int next) {}

  private final InputGate gate;
  private final Handler handler;
  /** Null unless channels are ordered by event time. */
  private final EventTimeOrder order;
  private final boolean[] arrived;
  /** Per channel, the rest of the batch it was held back in, if any. */
  private final Parked[] parked;
  private int parkedCount;
  private long aligning = -1;

  BarrierAligner(InputGate gate, Handler handler) {
    this(gate, handler, false);
  }

  /** @param eventTimeOrder whether to order the channels by event time ({@link EventTimeOrder}) */
  BarrierAligner(InputGate gate, Handler handler, boolean eventTimeOrder) {
    this.gate = gate;
    this.handler = handler;
    this.arrived = new boolean[gate.channelCount()];
    this.parked = new Parked[gate.channelCount()];
    this.order = eventTimeOrder ? new EventTimeOrder(gate.channelCount()) : null;
  }

  /**
   * Moves one batch of the gate (a parked one first, once its channel may go on) to {@code
   * handler}, aligning the barriers in it: the step of a gate-driven input.
   */
  InputStatus step(ElementHandler handler) {
    ElementBatch batch;
    int channel = resumableChannel();
    int from;
    if (channel >= 0) {
      batch = parked[channel].batch();
      from = parked[channel].next();
      parked[channel] = null;
      parkedCount--;
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
      boolean held;
      if (element instanceof CheckpointBarrier b) {
        held = onBarrier(channel, b.checkpointId());
      } else if (element instanceof ControlElement control) {
        handler.control(channel, control);
        held = order != null && ordered(channel, control);
      } else {
        handler.record(channel, element, batch.timestamp(i));
        continue;
      }
      if (held && i + 1 < n) {
        park(batch, i + 1, channel); // the rest belongs after the wait
        return InputStatus.MORE_AVAILABLE;
      }
    }
    gate.recycle(batch, channel);
    return gate.allEnded() ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
  }

  /**
   * A barrier arrived on {@code channel}. Returns true if the channel is now held back, in which
   * case the caller must {@link #park} the rest of the batch instead of processing it.
   */
  boolean onBarrier(int channel, long checkpointId) {
    if (checkpointId < aligning) {
      return holdIfOrdered(channel); // a barrier of a checkpoint already abandoned for a newer one
    }
    if (checkpointId > aligning) {
      if (aligning >= 0) {
        release(); // the older checkpoint can no longer complete
      }
      aligning = checkpointId;
    }
    arrived[channel] = true;
    if (complete()) {
      finish();
      return holdIfOrdered(channel);
    }
    if (order != null) {
      applyOrderDuringAlignment();
    } else {
      gate.setBlocked(channel, true);
    }
    return true;
  }

  /** {@code channel} ended; if a checkpoint was aligning, this may complete it. */
  void onEnd(int channel) {
    if (order != null) {
      order.onEnd(channel);
    }
    if (aligning >= 0 && complete()) {
      finish();
    } else if (order != null) {
      if (aligning < 0) {
        order.applyTo(gate);
      } else {
        applyOrderDuringAlignment();
      }
    }
  }

  void park(ElementBatch batch, int next, int channel) {
    parked[channel] = new Parked(batch, next);
    parkedCount++;
  }

  /** A channel whose parked batch may go on now, or -1. */
  private int resumableChannel() {
    if (parkedCount == 0) {
      return -1;
    }
    for (int c = 0; c < parked.length; c++) {
      if (parked[c] != null && !gate.isBlocked(c)) {
        return c;
      }
    }
    return -1;
  }

  /** After a watermark or end marker in event-time order: whether its channel is now held. */
  private boolean ordered(int channel, ControlElement control) {
    if (control instanceof Watermark w) {
      order.onWatermark(channel, w.timestamp());
    } else if (!(control instanceof EndOfPartition)) {
      return false; // an idleness status moves no position
    }
    // An end marker went through onEnd already; either way, decide again who waits.
    return holdIfOrdered(channel);
  }

  private boolean holdIfOrdered(int channel) {
    if (order == null) {
      return false;
    }
    if (aligning < 0) {
      order.applyTo(gate);
    } else {
      applyOrderDuringAlignment();
    }
    return gate.isBlocked(channel);
  }

  /**
   * The event-time order during an alignment: channels that delivered the barrier are held, and a
   * channel still to deliver it whose watermark is at or above the lowest of theirs goes on, since
   * its next element is the barrier ({@link EventTimeBarriers}); the rest as the order says.
   */
  private void applyOrderDuringAlignment() {
    order.applyTo(gate);
    long lowestArrived = Watermark.END_OF_TIME;
    for (int c = 0; c < arrived.length; c++) {
      if (arrived[c]) {
        gate.setBlocked(c, true);
        lowestArrived = Math.min(lowestArrived, order.watermark(c));
      }
    }
    for (int c = 0; c < arrived.length; c++) {
      if (!arrived[c] && order.watermark(c) >= lowestArrived) {
        gate.setBlocked(c, false);
      }
    }
  }

  private boolean complete() {
    for (int c = 0; c < arrived.length; c++) {
      if (!arrived[c] && !gate.isEnded(c)) {
        return false;
      }
    }
    return true;
  }

  private void finish() {
    long id = aligning;
    release();
    handler.onAligned(id);
  }

  private void release() {
    for (int c = 0; c < arrived.length; c++) {
      if (arrived[c]) {
        arrived[c] = false;
        gate.setBlocked(c, false);
      }
    }
    aligning = -1;
    if (order != null) {
      order.applyTo(gate);
    }
  }
}
