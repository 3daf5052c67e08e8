package dev.runnel.runtime.operators;

import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.runtime.eventtime.TimestampsAndWatermarks;
import dev.runnel.runtime.exchange.Watermark;

/**
 * {@code assignTimestampsAndWatermarks}: replaces the stream's event time with the strategy's.
 * Upstream watermarks and idleness are dropped; only the end-of-time watermark of a bounded input
 * passes, so that the job still ends with everything fired.
 */
public final class TimestampsAndWatermarksOperator extends StreamOperator {
  private final WatermarkStrategy<Object> strategy;
  private TimestampsAndWatermarks<Object> stamper;

  public TimestampsAndWatermarksOperator(WatermarkStrategy<Object> strategy) {
    this.strategy = strategy;
  }

  @Override
  public void open() {
    stamper = new TimestampsAndWatermarks<>(strategy, output, context.processingTime(), context,
        context.watermarkIntervalMillis());
    stamper.start();
  }

  @Override
  public void processElement(Object record, long timestamp) {
    long ts = stamper.timestampOf(record, timestamp);
    output.emit(record, ts);
    stamper.afterEmit(record, ts);
  }

  @Override
  public void processWatermark(long watermark) {
    if (watermark == Watermark.END_OF_TIME) {
      stamper.endOfInput();
    }
  }

  @Override
  public void processWatermarkStatus(boolean idle) {
    // This operator decides idleness from its own input, like the watermarks.
  }
}
