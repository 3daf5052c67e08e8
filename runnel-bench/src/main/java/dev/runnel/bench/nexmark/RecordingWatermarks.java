package dev.runnel.bench.nexmark;

import dev.runnel.nexmark.model.Event;
import dev.runnel.nexmark.queries.Q5Result;
import dev.runnel.nexmark.queries.Q7Result;
import java.time.Duration;

/**
 * The standard NEXMark watermark strategy (bounded out-of-orderness of 4 s on the event's {@code
 * dateTime}), for Runnel and for Flink, with every watermark the generator emits also recorded in
 * a {@link LatencyLog.Channel} of its own (one per source subtask). The wrapped generator is each
 * engine's own {@code BoundedOutOfOrdernessWatermarks}, so the watermarks are the ones the
 * throughput runs use; only the recording is added.
 *
 * <p>Flink creates more generators than source subtasks: one for each reader's main output (the
 * one our reader collects into, whose watermarks go downstream) and one per split output, which
 * sees no events here and only ever emits {@code Long.MIN_VALUE} (Flink's split-watermark
 * multiplexer never forwards that). {@link LatencyLog.Channel#record} ignores {@code
 * Long.MIN_VALUE}, so such generators record nothing and {@link LatencyLog#channels()} leaves
 * them out.
 */
final class RecordingWatermarks {
  static final Duration BOUND = Duration.ofSeconds(4);

  private RecordingWatermarks() {}

  /** The window end of a q5 or q7 result. */
  static long windowEnd(Object result) {
    if (result instanceof Q5Result r) {
      return r.windowEnd();
    }
    if (result instanceof Q7Result r) {
      return r.windowEnd();
    }
    throw new IllegalArgumentException("not a q5 or q7 result: " + result);
  }

  /** Runnel's strategy, recording. */
  static dev.runnel.api.eventtime.WatermarkStrategy<Event> runnel() {
    return dev.runnel.api.eventtime.WatermarkStrategy.<Event>forGenerator(
            () -> new RunnelGenerator(
                new dev.runnel.api.eventtime.BoundedOutOfOrdernessWatermarks<>(BOUND),
                LatencyLog.newChannel()))
        .withTimestampAssigner((event, timestamp) -> event.dateTime());
  }

  /** Flink's strategy, recording. */
  static org.apache.flink.api.common.eventtime.WatermarkStrategy<Event> flink() {
    return org.apache.flink.api.common.eventtime.WatermarkStrategy.<Event>forGenerator(
            context -> new FlinkGenerator(
                new org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks<>(BOUND),
                LatencyLog.newChannel()))
        .withTimestampAssigner((event, timestamp) -> event.dateTime());
  }

  private static final class RunnelGenerator
      implements dev.runnel.api.eventtime.WatermarkGenerator<Event> {
    private final dev.runnel.api.eventtime.WatermarkGenerator<Event> inner;
    private final LatencyLog.Channel channel;
    private dev.runnel.api.eventtime.WatermarkOutput output;
    private dev.runnel.api.eventtime.WatermarkOutput recording;

    RunnelGenerator(dev.runnel.api.eventtime.WatermarkGenerator<Event> inner,
        LatencyLog.Channel channel) {
      this.inner = inner;
      this.channel = channel;
    }

    private dev.runnel.api.eventtime.WatermarkOutput wrap(
        dev.runnel.api.eventtime.WatermarkOutput out) {
      if (out != output) {
        output = out;
        recording = new dev.runnel.api.eventtime.WatermarkOutput() {
          @Override
          public void emitWatermark(long watermark) {
            if (watermark != Long.MAX_VALUE) {
              channel.record(watermark, System.nanoTime());
            }
            out.emitWatermark(watermark);
          }

          @Override
          public void markIdle() {
            out.markIdle();
          }

          @Override
          public void markActive() {
            out.markActive();
          }
        };
      }
      return recording;
    }

    @Override
    public void onEvent(Event event, long eventTimestamp,
        dev.runnel.api.eventtime.WatermarkOutput out) {
      inner.onEvent(event, eventTimestamp, wrap(out));
    }

    @Override
    public void onPeriodicEmit(dev.runnel.api.eventtime.WatermarkOutput out) {
      inner.onPeriodicEmit(wrap(out));
    }
  }

  private static final class FlinkGenerator
      implements org.apache.flink.api.common.eventtime.WatermarkGenerator<Event> {
    private final org.apache.flink.api.common.eventtime.WatermarkGenerator<Event> inner;
    private final LatencyLog.Channel channel;
    private org.apache.flink.api.common.eventtime.WatermarkOutput output;
    private org.apache.flink.api.common.eventtime.WatermarkOutput recording;

    FlinkGenerator(org.apache.flink.api.common.eventtime.WatermarkGenerator<Event> inner,
        LatencyLog.Channel channel) {
      this.inner = inner;
      this.channel = channel;
    }

    private org.apache.flink.api.common.eventtime.WatermarkOutput wrap(
        org.apache.flink.api.common.eventtime.WatermarkOutput out) {
      if (out != output) {
        output = out;
        recording = new org.apache.flink.api.common.eventtime.WatermarkOutput() {
          @Override
          public void emitWatermark(org.apache.flink.api.common.eventtime.Watermark watermark) {
            if (watermark.getTimestamp() != Long.MAX_VALUE) {
              channel.record(watermark.getTimestamp(), System.nanoTime());
            }
            out.emitWatermark(watermark);
          }

          @Override
          public void markIdle() {
            out.markIdle();
          }

          @Override
          public void markActive() {
            out.markActive();
          }
        };
      }
      return recording;
    }

    @Override
    public void onEvent(Event event, long eventTimestamp,
        org.apache.flink.api.common.eventtime.WatermarkOutput out) {
      inner.onEvent(event, eventTimestamp, wrap(out));
    }

    @Override
    public void onPeriodicEmit(org.apache.flink.api.common.eventtime.WatermarkOutput out) {
      inner.onPeriodicEmit(wrap(out));
    }
  }
}
