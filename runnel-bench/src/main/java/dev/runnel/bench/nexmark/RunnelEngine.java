package dev.runnel.bench.nexmark;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.nexmark.NexmarkQueries;
import dev.runnel.nexmark.generator.GeneratorConfig;
import dev.runnel.nexmark.generator.NexmarkSource;
import dev.runnel.nexmark.model.Event;

/**
 * Runnel in this JVM: each run builds the query (from {@link NexmarkQueries}) on a fresh {@link
 * StreamEnvironment} at the given parallelism (default worker threads: one per core), over {@link
 * NexmarkSource} with its standard watermarks, runs it to the end and reads the sink.
 */
public final class RunnelEngine implements Engine {
  /** The engine name of Runnel with its default for bounded input: deterministic event time. */
  public static final String DETERMINISTIC = "runnel-deterministic";

  private final boolean deterministic;

  /**
   * @param deterministic false to emit watermarks every 200 ms of processing time, as Flink does
   *     (the engine "runnel"); true for Runnel's default over a bounded source, watermarks after
   *     every record with channels ordered by event time (the engine {@value #DETERMINISTIC})
   */
  public RunnelEngine(boolean deterministic) {
    this.deterministic = deterministic;
  }

  @Override
  public String name() {
    return deterministic ? DETERMINISTIC : "runnel";
  }

  @Override
  public RunResult run(String query, GeneratorConfig config, int parallelism, boolean checksum)
      throws Exception {
    long submit = System.nanoTime();
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    if (!deterministic) {
      env.setWatermarkInterval(StreamEnvironment.DEFAULT_WATERMARK_INTERVAL);
    }
    DataStream<Event> events = env.fromSource(
        new ProbedSource<>(new NexmarkSource(config)), NexmarkSource.watermarks(), "Nexmark");
    RunnelChecksumSink<Object> sink = new RunnelChecksumSink<>(checksum);
    NexmarkQueries.get(query).build(events).sinkTo(sink);
    env.execute("nexmark-" + query);
    long end = System.nanoTime();
    long first = RunProbe.firstEventNanos();
    long sinkEnd = RunProbe.sinkEndNanos();
    return new RunResult(config.eventCount(), sink.count(), checksum ? sink.checksum() : null,
        first - submit, sinkEnd - first, end - submit, 0);
  }
}
