package dev.runnel.bench.nexmark;

import dev.runnel.bench.nexmark.flink.FlinkChecksumSink;
import dev.runnel.bench.nexmark.flink.FlinkQueries;
import dev.runnel.bench.nexmark.flink.NexmarkFlinkSource;
import dev.runnel.nexmark.generator.GeneratorConfig;
import dev.runnel.nexmark.model.Event;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Apache Flink in this JVM: each run creates a local environment (an in-process MiniCluster with
 * one task slot per parallel subtask), runs the query's Flink DataStream job to the end and
 * reads the checksum sink's totals. Object reuse is on, as Flink's own NEXMark setup runs it.
 */
public final class FlinkEngine implements Engine {
  @Override
  public String name() {
    return "flink";
  }

  @Override
  public RunResult run(String query, GeneratorConfig config, int parallelism, boolean checksum)
      throws Exception {
    FlinkChecksumSink.reset();
    long submit = System.nanoTime();
    StreamExecutionEnvironment env = environment(parallelism);
    DataStream<Event> events = FlinkQueries.events(env, new NexmarkFlinkSource(config));
    attachSink(FlinkQueries.build(query, events), checksum);
    env.execute("nexmark-" + query);
    long end = System.nanoTime();
    long first = RunProbe.firstEventNanos();
    long sinkEnd = RunProbe.sinkEndNanos();
    return new RunResult(config.eventCount(), FlinkChecksumSink.count(),
        checksum ? FlinkChecksumSink.checksum() : null, first - submit, sinkEnd - first, end - submit, 0);
  }

  private static <T> void attachSink(DataStream<T> results, boolean checksum) {
    results.sinkTo(new FlinkChecksumSink<T>(checksum)).name("Checksum");
  }

  /** A local environment at {@code parallelism}, object reuse on. */
  public static StreamExecutionEnvironment environment(int parallelism) {
    Configuration conf = new Configuration();
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    env.getConfig().enableObjectReuse();
    return env;
  }
}
