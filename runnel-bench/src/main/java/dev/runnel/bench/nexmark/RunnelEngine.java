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
  @Override
  public String name() {
    return "runnel";
  }

  @Override
  public RunResult run(String query, GeneratorConfig config, int parallelism, boolean checksum)
      throws Exception {
    long submit = System.nanoTime();
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
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
