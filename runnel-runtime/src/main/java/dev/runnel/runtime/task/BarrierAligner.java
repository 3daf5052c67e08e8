package dev.runnel.runtime.task;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.runtime.exchange.CheckpointBarrier;
import dev.runnel.runtime.exchange.ControlElement;
import dev.runnel.runtime.exchange.ElementBatch;
import dev.runnel.runtime.exchange.InputGate;
import java.util.ArrayDeque;

/**
 * Aligns checkpoint barriers over the channels of one {@link InputGate} (exactly-once alignment):
 * once barrier <i>n</i> arrives on a channel, that channel is held back until <i>n</i> has arrived
 * on every channel that has not ended; then the subtask snapshots its state and the held channels
 * resume. The rest of a batch behind a barrier is parked and handed out again, before anything
 * newer from its channel, once the alignment is over.
 *
 * <p>A channel that ends while a checkpoint is aligning counts as aligned: nothing more can come
 * from it. With one checkpoint in flight at a time, a barrier of a newer checkpoint can only arrive
 * while an older one aligns if the older one was abandoned; the older one is then dropped.
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

  /** A batch's elements from {@code next} on, from {@code channel}, held back during alignment. */
  record Parked(ElementBatch batch, int next, int channel) {}

  private final InputGate gate;
  private final Handler handler;
  private final boolean[] arrived;
  private final ArrayDeque<Parked> parked = new ArrayDeque<>();
  private long aligning = -1;
  private int arrivedCount;

  BarrierAligner(InputGate gate, Handler handler) {
    this.gate = gate;
    this.handler = handler;
    this.arrived = new boolean[gate.channelCount()];
  }

  /**
   * Moves one batch of the gate (a parked one first, once alignment is over) to {@code handler},
   * aligning the barriers in it: the step of a gate-driven input.
   */
  InputStatus step(ElementHandler handler) {
    ElementBatch batch;
    int channel;
    int from;
    Parked p = pollParked();
    if (p != null) {
      batch = p.batch();
      channel = p.channel();
      from = p.next();
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
        if (onBarrier(channel, b.checkpointId()) && i + 1 < n) {
          park(batch, i + 1, channel); // the rest belongs after the checkpoint
          return InputStatus.MORE_AVAILABLE;
        }
      } else if (element instanceof ControlElement control) {
        handler.control(channel, control);
      } else {
        handler.record(channel, element, batch.timestamp(i));
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
      return false; // a barrier of a checkpoint already abandoned for a newer one
    }
    if (checkpointId > aligning) {
      if (aligning >= 0) {
        release(); // the older checkpoint can no longer complete
      }
      aligning = checkpointId;
    }
    if (!arrived[channel]) {
      arrived[channel] = true;
      arrivedCount++;
    }
    if (complete()) {
      finish();
      return false;
    }
    gate.setBlocked(channel, true);
    return true;
  }

  /** {@code channel} ended; if a checkpoint was aligning, this may complete it. */
  void onEnd(int channel) {
    if (aligning >= 0 && complete()) {
      finish();
    }
  }

  void park(ElementBatch batch, int next, int channel) {
    parked.addLast(new Parked(batch, next, channel));
  }

  /** A parked batch to process now, or null: parked batches wait while their channel is held. */
  Parked pollParked() {
    return aligning < 0 ? parked.pollFirst() : null;
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
    arrivedCount = 0;
    aligning = -1;
  }
}
