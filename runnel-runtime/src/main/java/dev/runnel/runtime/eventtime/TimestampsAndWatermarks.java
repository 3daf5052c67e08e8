package dev.runnel.runtime.eventtime;

import dev.runnel.api.eventtime.TimestampAssigner;
import dev.runnel.api.eventtime.TimestampBounds;
import dev.runnel.api.eventtime.WatermarkGenerator;
import dev.runnel.api.eventtime.WatermarkGeneratorSupplier;
import dev.runnel.api.eventtime.WatermarkOutput;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.runtime.exchange.Watermark;
import dev.runnel.runtime.operators.OperatorContext;
import dev.runnel.runtime.operators.Output;
import dev.runnel.runtime.time.ProcessingTimeService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link WatermarkStrategy} in one subtask: stamps each element with its event time,
 * feeds the generator, and asks it for a watermark every interval of processing time (or after
 * every element when the interval is 0). Emits a watermark only when it advances, and tracks
 * idleness when the strategy has an idle timeout. Used by sources and by {@code
 * assignTimestampsAndWatermarks}.
 *
 * <p><b>Per split.</b> A source reader that emits through split outputs gets a {@link SplitTime}
 * per split ({@link #split}): each has a generator and idleness of its own, and what this subtask
 * emits is their combination by {@link SplitWatermarks}, the minimum over the splits that are not
 * idle; the subtask is idle when all its splits are. Elements stamped without a split (through
 * {@link #afterEmit(Object, long)}) then count as one more split, from the first of them on. Until
 * the first split is created nothing changes, so sources that do not use splits work as before.
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
  private final WatermarkGeneratorSupplier<T> generatorSupplier;
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

  /** How the elements stamped without a split are named among the splits. */
  static final String READER_SPLIT = "(reader)";

  /** Null until the first split is created; then the watermark emitted is their combination. */
  private SplitWatermarks splits;
  private final List<SplitTime> splitTimes = new ArrayList<>();
  /** Whether an element was stamped without a split. */
  private boolean elementsWithoutSplit;

  /** @param strategy this subtask's own copy of the strategy */
  public TimestampsAndWatermarks(WatermarkStrategy<T> strategy, Output output,
      ProcessingTimeService processingTime, OperatorContext owner, long intervalMillis) {
    this.assigner = strategy.timestampAssigner();
    this.generatorSupplier = strategy.generatorSupplier();
    this.generator = generatorSupplier.createWatermarkGenerator();
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
    publish(watermark);
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
    elementsWithoutSplit = true;
    generator.onEvent(element, timestamp, this);
    if (intervalMillis == 0) {
      generator.onPeriodicEmit(this);
    }
  }

  /** The input has ended: event time jumps to the end, firing everything that waits on it. */
  public void endOfInput() {
    publish(Watermark.END_OF_TIME);
  }

  private void onTick(long time) {
    if (intervalMillis > 0) {
      generator.onPeriodicEmit(this);
      for (int i = 0; i < splitTimes.size(); i++) {
        SplitTime s = splitTimes.get(i);
        s.generator.onPeriodicEmit(s);
      }
    }
    if (idleTimeoutMillis > 0) {
      long now = processingTime.now();
      for (int i = 0; i < splitTimes.size(); i++) {
        splitTimes.get(i).checkIdle(now);
      }
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

  /**
   * The event time of split {@code splitId}, created on the first call: from then on this subtask
   * emits the combination of its splits' watermarks. Must be called on the subtask's thread.
   */
  public SplitTime split(String splitId) {
    if (splits == null) {
      splits = new SplitWatermarks();
    }
    for (int i = 0; i < splitTimes.size(); i++) {
      if (splitTimes.get(i).id.equals(splitId)) {
        return splitTimes.get(i);
      }
    }
    SplitTime s = new SplitTime(splitId, strategyGenerator());
    splitTimes.add(s);
    splits.add(splitId);
    return s;
  }

  /**
   * Split {@code splitId} has ended or gone: its watermark no longer holds this subtask back,
   * which may advance the watermark at once.
   */
  public void releaseSplit(String splitId) {
    if (splits == null) {
      return;
    }
    splitTimes.removeIf(s -> s.id.equals(splitId));
    splits.remove(splitId);
    publishCombined();
  }

  /** As {@link #afterEmit(Object, long)}, for an element of {@code split}. */
  public void afterEmit(SplitTime split, T element, long timestamp) {
    split.eventsSinceCheck++;
    if (splits.isIdle(split.id)) {
      splits.setIdle(split.id, false); // data again: it counts from now on
      publishCombined();
    }
    split.generator.onEvent(element, timestamp, split);
    if (intervalMillis == 0) {
      split.generator.onPeriodicEmit(split);
    }
  }

  /** The generator the main, non-split elements go through. */
  @Override
  public void emitWatermark(long watermark) {
    if (splits == null) {
      publish(watermark);
    } else if (eventsSeenWithoutSplit() && splits.update(READER_SPLIT, watermark)) {
      splits.setIdle(READER_SPLIT, false);
      publishCombined();
    }
  }

  @Override
  public void markIdle() {
    if (splits == null) {
      setIdle(true);
    } else if (splits.contains(READER_SPLIT)) {
      splits.setIdle(READER_SPLIT, true);
      publishCombined();
    }
  }

  @Override
  public void markActive() {
    if (splits == null) {
      setIdle(false);
    } else if (splits.contains(READER_SPLIT)) {
      splits.setIdle(READER_SPLIT, false);
      publishCombined();
    }
  }

  /** In split mode, whether elements were stamped without a split: they form a split too. */
  private boolean eventsSeenWithoutSplit() {
    if (!splits.contains(READER_SPLIT) && elementsWithoutSplit) {
      splits.add(READER_SPLIT);
    }
    return splits.contains(READER_SPLIT);
  }

  /** Emits the splits' combined watermark if it advanced; the subtask idles when all splits do. */
  private void publishCombined() {
    if (splits.allIdle() && listener == null) {
      // In event-time order watermarks follow the data alone, so the subtask never idles there.
      setIdle(true);
      return;
    }
    setIdle(false);
    long combined = splits.combined();
    if (combined > lastEmitted) {
      publish(combined);
    }
  }

  /** Emits {@code watermark} from this subtask if it advances. */
  private void publish(long watermark) {
    if (watermark <= lastEmitted) {
      return;
    }
    setIdle(false);
    lastEmitted = watermark;
    output.emitWatermark(watermark);
    if (listener != null) {
      listener.emitted(watermark);
    }
  }

  private void setIdle(boolean idle) {
    if (this.idle != idle) {
      this.idle = idle;
      output.emitWatermarkStatus(idle);
    }
  }

  private WatermarkGenerator<T> strategyGenerator() {
    return generatorSupplier.createWatermarkGenerator();
  }

  /**
   * One split's event time: its own generator, fed only its elements, and its own idleness. The
   * split's watermarks go to the subtask's {@link SplitWatermarks}, never straight downstream.
   */
  public final class SplitTime implements WatermarkOutput {
    private final String id;
    private final WatermarkGenerator<T> generator;
    private long eventsSinceCheck;
    private long lastActiveTime = processingTime.now();

    private SplitTime(String id, WatermarkGenerator<T> generator) {
      this.id = id;
      this.generator = generator;
    }

    public String id() {
      return id;
    }

    private void checkIdle(long now) {
      if (eventsSinceCheck > 0) {
        eventsSinceCheck = 0;
        lastActiveTime = now;
      } else if (now - lastActiveTime >= idleTimeoutMillis && !splits.isIdle(id)) {
        markIdle();
      }
    }

    @Override
    public void emitWatermark(long watermark) {
      if (splits.update(id, watermark)) {
        splits.setIdle(id, false);
        publishCombined();
      }
    }

    @Override
    public void markIdle() {
      splits.setIdle(id, true);
      publishCombined();
    }

    @Override
    public void markActive() {
      splits.setIdle(id, false);
      publishCombined();
    }
  }
}
