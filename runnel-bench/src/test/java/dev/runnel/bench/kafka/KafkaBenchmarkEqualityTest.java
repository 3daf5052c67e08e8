package dev.runnel.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka benchmark compares like with like: on a small input, Runnel and Kafka Streams both
 * write exactly the answer the harness computes on its own (every customer's running totals in
 * order, every closed one-minute window's count, nothing twice).
 */
class KafkaBenchmarkEqualityTest {
  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafkaBroker.builder().start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void bothEnginesWriteTheExpectedOutput() throws Exception {
    KafkaBenchmark.Options options = new KafkaBenchmark.Options(20_000, 50, 2, 2, 1,
        List.of("runnel", "kafka-streams"), 100_000, 100, 0, 1, kafka.bootstrapServers());
    BenchOrders orders = new BenchOrders(options.keys(), 3);
    String input = "equality-orders";
    KafkaBenchmark.createTopics(kafka.bootstrapServers(), options.partitions(), input);
    KafkaBenchmark.produce(kafka.bootstrapServers(), input, orders, options.events());
    BenchOrders.Expected expected = orders.expected(options.events());

    for (KafkaBenchEngine engine : List.of(new RunnelKafkaEngine(), new KafkaStreamsEngine())) {
      KafkaBenchmark.ThroughputRun run = KafkaBenchmark.throughputRun(engine,
          kafka.bootstrapServers(), input, "equality-" + engine.name(), options, expected);
      assertThat(run.verdict()).as(engine.name()).startsWith("equal to the expected");
      assertThat(run.correct()).isTrue();
    }
  }
}
