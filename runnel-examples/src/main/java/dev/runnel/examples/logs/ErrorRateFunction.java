package dev.runnel.examples.logs;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.examples.EventTimestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts ERROR entries on arrival: for an ERROR at {@code t}, the ERRORs arrived so far (this one
 * included) with a timestamp in {@code [t − window, t]}; when that count is at least the threshold
 * it emits an {@link ErrorAlert}. Expects only ERROR entries, all under one key.
 *
 * <p><b>Bounded state.</b> As in {@code FraudDetectionFunction}: the timestamps are kept in a list
 * pruned by event-time timers once the watermark reaches {@code ts + window}, after which no ERROR
 * arriving on time can count them. An ERROR arriving behind the watermark is counted against the
 * timestamps still kept.
 */
public final class ErrorRateFunction extends KeyedProcessFunction<String, LogEvent, ErrorAlert> {
  private static final long serialVersionUID = 1L;

  private final long windowMillis;
  private final long threshold;

  private transient ListState<Long> errorTimestamps;

  public ErrorRateFunction(long windowMillis, long threshold) {
    if (windowMillis < 0) {
      throw new IllegalArgumentException("window must not be negative, was " + windowMillis);
    }
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
    }
    this.windowMillis = windowMillis;
    this.threshold = threshold;
  }

  @Override
  public void open(RuntimeContext context) {
    errorTimestamps = context.getListState(new ListStateDescriptor<>("error-timestamps",
        Long.class));
  }

  @Override
  public void processElement(LogEvent error, Context<String> ctx, Collector<ErrorAlert> out)
      throws Exception {
    long t = error.timestamp();
    long watermark = ctx.timerService().currentWatermark();
    long inWindow = 1; // this one
    for (long ts : errorTimestamps.get()) {
      if (isKept(ts, watermark) && ts >= t - windowMillis && ts <= t) {
        inWindow++;
      }
    }
    if (isKept(t, watermark)) {
      errorTimestamps.add(t);
      ctx.timerService().registerEventTimeTimer(t + windowMillis);
    }
    if (inWindow >= threshold) {
      out.collect(new ErrorAlert(error.id(), EventTimestamps.format(t), inWindow));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<ErrorAlert> out)
      throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    List<Long> kept = new ArrayList<>();
    for (long ts : errorTimestamps.get()) {
      if (isKept(ts, watermark)) {
        kept.add(ts);
      }
    }
    errorTimestamps.update(kept);
  }

  /** Whether an ERROR at {@code ts} can still be in the window of one arriving on time. */
  private boolean isKept(long ts, long watermark) {
    return watermark == Long.MIN_VALUE || ts > watermark - windowMillis;
  }
}
