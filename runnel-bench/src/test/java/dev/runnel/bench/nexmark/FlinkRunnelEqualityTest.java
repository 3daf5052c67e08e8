package dev.runnel.bench.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.nexmark.generator.GeneratorConfig;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Same answers: for every event-time NEXMark query (all but q12, which uses processing time),
 * Runnel's output and Flink's have the same count and the same order-independent checksum, on
 * 200,000 events at parallelism 2 (the Flink job in an in-process MiniCluster).
 */
class FlinkRunnelEqualityTest {
  private static final GeneratorConfig CONFIG = GeneratorConfig.defaults().withEventCount(200_000);
  private static final int PARALLELISM = 2;

  static Stream<String> eventTimeQueries() {
    return NexmarkBenchmark.ALL_QUERIES.stream().filter(q -> !q.equals("q12"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventTimeQueries")
  void runnelAndFlinkGiveTheSameOutput(String query) throws Exception {
    RunProbe.reset();
    RunResult runnel = new RunnelEngine(false).run(query, CONFIG, PARALLELISM, true);
    RunProbe.reset();
    RunResult flink = new FlinkEngine().run(query, CONFIG, PARALLELISM, true);
    RunProbe.reset();
    RunResult deterministic = new RunnelEngine(true).run(query, CONFIG, PARALLELISM, true);

    assertThat(runnel.outputCount()).as("%s output count", query).isPositive();
    assertThat(flink.outputCount()).as("%s Flink output count", query)
        .isEqualTo(runnel.outputCount());
    assertThat(flink.checksum()).as("%s Flink checksum", query).isEqualTo(runnel.checksum());
    assertThat(runnel.checksum().count()).isEqualTo(runnel.outputCount());
    assertThat(deterministic.checksum())
        .as("%s with deterministic event time", query).isEqualTo(runnel.checksum());
  }
}
