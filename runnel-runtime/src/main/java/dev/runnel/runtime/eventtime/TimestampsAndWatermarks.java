package dev.runnel.runtime.eventtime;

import dev.runnel.api.eventtime.TimestampAssigner;
import dev.runnel.api.eventtime.TimestampBounds;
import dev.runnel.api.eventtime.WatermarkGenerator;
import dev.runnel.api.eventtime.WatermarkOutput;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.time.ProcessingTimeService;
import java.time.Duration;

/**
 * Applies a {@link WatermarkStrategy} in one subtask: stamps each element with its event time,
 * feeds the generator, and asks it for a watermark every interval of processing time (or after
 * every element when the interval is 0). Emits a watermark only when it advances, and tracks
 * idleness when the strategy has an idle timeout. Used by sources and by {@code
 * assignTimestampsAndWatermarks}.
 *
 * @param <T> element type
 */
public final class TimestampsAndWatermarks<T> implements WatermarkOutput {
  /** Told of each watermark emitted, in a job ordered by event time. */
  public interface WatermarkListener {
    /** {@code watermark} was just emitted, right after the element that caused it. */
    void emitted(long watermark);
  }


  private final TimestampAssigner<T> assigner;
  private final WatermarkGenerator<T> generator;
  private final Output output;
  private final ProcessingTimeService processingTime;
  private final OperatorContext owner;
  private final long intervalMillis;
  private long idleTimeoutMillis;
  /** Null unless the job orders its channels by event time. */
  private WatermarkListener listener;
  /** Null when timestamps are not checked. */
  private final TimestampBounds bounds;

  private long lastEmitted = Watermark.NONE;
  private boolean idle;
  private long eventsSinceCheck;
  private long lastActiveTime;

  /** @param strategy this subtask's own copy of the strategy */
  public TimestampsAndWatermarks(WatermarkStrategy<T> strategy, Output output,
      ProcessingTimeService processingTime, OperatorContext owner, long intervalMillis) {
    this.assigner = strategy.timestampAssigner();
    this.generator = strategy.generatorSupplier().createWatermarkGenerator();
    this.output = output;
    this.processingTime = processingTime;
    this.owner = owner;
    this.intervalMillis = intervalMillis;
    Duration idle = strategy.idleTimeout();
    this.idleTimeoutMillis = idle == null ? 0 : idle.toMillis();
    this.bounds = strategy.timestampBounds();
  }

  /**
   * Makes watermarks follow the data alone, for a job ordered by event time: no idleness (which
   * follows the wall clock), and {@code listener} hears of every watermark emitted. The interval
   * must be zero. Call before {@link #start()}.
   */
  public void orderByEventTime(WatermarkListener listener) {
    if (intervalMillis != 0) {
      throw new IllegalStateException("event-time order needs watermarks after every record");
    }
    this.listener = listener;
    this.idleTimeoutMillis = 0;
  }

  /** Starts the periodic emission (and idleness checks) on the subtask's processing-time clock. */
  public void start() {
    lastActiveTime = processingTime.now();
    long tick = intervalMillis > 0 ? intervalMillis : idleTimeoutMillis;
    if (tick > 0) {
      processingTime.schedule(processingTime.now() + tick, this::onTick, owner);
    }
  }

  /** The last watermark emitted; what a checkpoint records of this source subtask's event time. */
  public long currentWatermark() {
    return lastEmitted;
  }

  /**
   * Resumes from a checkpoint whose watermark was {@code watermark}: emits it again at once, and
   * emits nothing lower afterwards. The generator starts afresh, without the timestamps read before
   * the checkpoint; for generators whose watermark follows the largest timestamp seen (monotonous,
   * bounded out-of-orderness), the watermarks are then exactly those of a run without the restore.
   */
  public void restoreWatermark(long watermark) {
    emitWatermark(watermark);
  }

  /**
   * The element's event time: from the assigner, else the timestamp it came with.
   *
   * @throws dev.runnel.api.connector.RejectedRecordException if the strategy has {@link
   *     TimestampBounds} and the time breaks them; the element must then not be emitted
   */
  public long timestampOf(T element, long recordTimestamp) {
    long timestamp =
        assigner == null ? recordTimestamp : assigner.extractTimestamp(element, recordTimestamp);
    if (bounds != null && timestamp != TimestampAssigner.NO_TIMESTAMP) {
      bounds.check(timestamp, processingTime.now());
    }
    return timestamp;
  }

  /** Call after the element was emitted, so a watermark it causes follows it. */
  public void afterEmit(T element, long timestamp) {
    eventsSinceCheck++;
    generator.onEvent(element, timestamp, this);
    if (intervalMillis == 0) {
      generator.onPeriodicEmit(this);
    }
  }

  /** The input has ended: event time jumps to the end, firing everything that waits on it. */
  public void endOfInput() {
    emitWatermark(Watermark.END_OF_TIME);
  }

  private void onTick(long time) {
    if (intervalMillis > 0) {
      generator.onPeriodicEmit(this);
    }
    if (idleTimeoutMillis > 0) {
      long now = processingTime.now();
      if (eventsSinceCheck > 0) {
        eventsSinceCheck = 0;
        lastActiveTime = now;
      } else if (now - lastActiveTime >= idleTimeoutMillis) {
        markIdle();
      }
    }
    long tick = intervalMillis > 0 ? intervalMillis : idleTimeoutMillis;
    processingTime.schedule(time + tick, this::onTick, owner);
  }

  @Override
  public void emitWatermark(long watermark) {
    if (watermark <= lastEmitted) {
      return;
    }
    markActive();
    lastEmitted = watermark;
    output.emitWatermark(watermark);
    if (listener != null) {
      listener.emitted(watermark);
    }
  }

  @Override
  public void markIdle() {
    if (!idle) {
      idle = true;
      output.emitWatermarkStatus(true);
    }
  }

  @Override
  public void markActive() {
    if (idle) {
      idle = false;
      output.emitWatermarkStatus(false);
    }
  }
}
