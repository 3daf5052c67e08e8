package dev.runnel.runtime.exchange;

import dev.runnel.api.OutputTag;
import dev.runnel.runtime.operators.Output;

/**
 * The producer end of one edge for one producer subtask: picks a channel for each record with its
 * partitioner (or all channels, for broadcast) and sends watermarks and the end-of-partition
 * marker to every channel, in order with the records.
 */
public final class NetworkOutput implements Output {
  private final Channel[] channels;
  private final Partitioner partitioner;
  private final Channel single;

  /** @param partitioner null to broadcast every record to all channels */
  public NetworkOutput(Channel[] channels, Partitioner partitioner) {
    this.channels = channels;
    this.partitioner = partitioner;
    this.single = channels.length == 1 ? channels[0] : null;
  }

  @Override
  public void emit(Object record, long timestamp) {
    if (single != null) {
      single.add(record, timestamp);
    } else if (partitioner == null) {
      for (Channel c : channels) {
        c.add(record, timestamp);
      }
    } else {
      int channel;
      try {
        channel = partitioner.select(record);
      } catch (Exception e) {
        throw new PartitioningException(e);
      }
      channels[channel].add(record, timestamp);
    }
  }

  @Override
  public void emitSide(OutputTag<?> tag, Object record, long timestamp) {
    throw new IllegalStateException("side outputs are routed before they reach a channel");
  }

  @Override
  public void emitWatermark(long watermark) {
    Watermark w = new Watermark(watermark);
    for (Channel c : channels) {
      c.add(w, Output.NO_TIMESTAMP);
    }
  }

  @Override
  public void emitWatermarkStatus(boolean idle) {
    WatermarkStatus status = WatermarkStatus.of(idle);
    for (Channel c : channels) {
      c.add(status, Output.NO_TIMESTAMP);
    }
  }

  /** Sends checkpoint barrier {@code checkpointId} on every channel, in order with the records. */
  public void emitBarrier(long checkpointId) {
    CheckpointBarrier barrier = new CheckpointBarrier(checkpointId);
    for (Channel c : channels) {
      c.add(barrier, Output.NO_TIMESTAMP);
    }
  }

  /** Sends the end-of-partition marker on every channel; nothing may be emitted after it. */
  public void endPartition() {
    for (Channel c : channels) {
      c.add(EndOfPartition.INSTANCE, Output.NO_TIMESTAMP);
    }
  }

  /** Publishes everything emitted so far, as far as the queues have room. True if all went out. */
  public boolean flush() {
    boolean all = true;
    for (Channel c : channels) {
      all &= c.flush();
    }
    return all;
  }

  /** Whether every channel can take more without growing its pending list. */
  public boolean hasRoom() {
    for (Channel c : channels) {
      if (!c.hasRoom()) {
        return false;
      }
    }
    return true;
  }

  /** A key selector failed while choosing the channel; the producing operator is blamed for it. */
  public static final class PartitioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PartitioningException(Exception cause) {
      super("the key selector of keyBy(...) failed: " + cause, cause);
    }
  }
}
