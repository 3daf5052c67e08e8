package dev.runnel.cli;

import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.io.Endpoint;
import dev.runnel.examples.io.KafkaSettings;
import dev.runnel.examples.io.StartingOffsets;
import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The demo's pipeline, running: a Kafka (the embedded broker on a free port in a temporary
 * directory, or an existing cluster), a producer writing generated orders to topic {@value
 * #ORDERS_TOPIC} ({@link DemoOrderProducer}), a packaged job reading that topic and writing its
 * results to its output topic exactly-once (checkpoints every {@code 1 s}, Kafka transactions),
 * and a {@code read_committed} consumer of the output topic ({@link TopicTail}) that prints what
 * it receives, as it arrives: results appear once the checkpoint that covers them completes.
 *
 * <p>Lifecycle: {@link #start} brings everything up; {@link #print} prints results on the calling
 * thread until {@link #stop()} (from any thread, such as a shutdown hook) or the job ends; {@link
 * #close()} then stops the producer, cancels the job, and stops and deletes the embedded broker
 * and the temporary directory.
 */
final class KafkaDemo implements AutoCloseable {
  static final String ORDERS_TOPIC = "orders";
  static final int PARTITIONS = 2;
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final EmbeddedKafkaBroker broker;
  private final String bootstrapServers;
  private final Path workDir;
  private DemoOrderProducer<?> producer;
  private JobHandle job;
  private TopicTail tail;
  private volatile boolean stopped;

  private KafkaDemo(EmbeddedKafkaBroker broker, String bootstrapServers, Path workDir) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    this.workDir = workDir;
  }

  /**
   * What the demo runs: {@code job} over topic {@value #ORDERS_TOPIC}, written to {@code
   * outputTopic}, with the job's {@code options}, on orders made by {@code orders} (keyed by
   * {@code customer}) at {@code rate} per second.
   */
  record Pipeline<T>(PackagedJob job, String outputTopic, Map<String, String> options,
      LongFunction<T> orders, Function<T, String> customer, double rate) {}

  /**
   * Starts the demo on the Kafka at {@code bootstrapServers}, or on an embedded broker started
   * here when it is empty. Topics are created when missing ({@value #PARTITIONS} partitions).
   *
   * @throws CommandFailedException if Kafka cannot be reached or started
   */
  static <T> KafkaDemo start(Pipeline<T> pipeline, Optional<String> bootstrapServers)
      throws IOException {
    EmbeddedKafkaBroker broker = null;
    if (bootstrapServers.isEmpty()) {
      try {
        broker = EmbeddedKafkaBroker.builder().start();
      } catch (IllegalStateException e) {
        throw new CommandFailedException("demo: " + e.getMessage(), e);
      }
    }
    KafkaDemo demo = new KafkaDemo(broker,
        broker != null ? broker.bootstrapServers() : bootstrapServers.get(),
        Files.createTempDirectory("runnel-demo-"));
    try {
      demo.run(pipeline);
      return demo;
    } catch (RuntimeException | IOException e) {
      demo.close();
      throw e;
    }
  }

  private <T> void run(Pipeline<T> pipeline) throws IOException {
    Map<String, Object> settings = clientSettings();
    createTopics(settings, List.of(ORDERS_TOPIC, pipeline.outputTopic()));
    // Positioned at the output's end before anything runs: only this run's results are printed.
    tail = new TopicTail(settings, pipeline.outputTopic(), partitions(settings,
        pipeline.outputTopic()), false);

    StreamEnvironment env = StreamEnvironment.create().setParallelism(PARTITIONS);
    env.enableCheckpointing(CHECKPOINT_INTERVAL)
        .setCheckpointDirectory(workDir.resolve("checkpoints"));
    // 'committed': on a Kafka of its own the demo reads every order; on a shared one a second
    // demo continues after the orders the first one read instead of replaying them all.
    KafkaSettings kafka = new KafkaSettings(bootstrapServers, Map.of(),
        Optional.of(jobName(pipeline.job())), StartingOffsets.COMMITTED, false, CONNECT_TIMEOUT);
    JobArguments args = JobArguments.of(pipeline.job(),
            new Endpoint.KafkaTopic(ORDERS_TOPIC), new Endpoint.KafkaTopic(pipeline.outputTopic()),
            PARTITIONS, pipeline.options())
        .withKafka(kafka);
    pipeline.job().build(env, args);
    job = env.executeAsync(jobName(pipeline.job()));
    producer = new DemoOrderProducer<>(settings, ORDERS_TOPIC, pipeline.orders(),
        pipeline.customer(), pipeline.rate());
  }

  static String jobName(PackagedJob job) {
    return job.name() + "-demo";
  }

  /** Where the demo's Kafka is: the embedded broker's address, or the one given. */
  String bootstrapServers() {
    return bootstrapServers;
  }

  /** True if the demo runs its own broker. */
  boolean embedded() {
    return broker != null;
  }

  /**
   * Prints each result a {@code read_committed} consumer of the output topic receives, a line as
   * it arrives, until {@link #stop()} or the job ends.
   *
   * @return how many results were printed
   */
  long print(PrintWriter out) {
    return tail.print(out, Long.MAX_VALUE, null, () -> stopped || job.isDone());
  }

  /** Makes {@link #print} return; safe from any thread. */
  void stop() {
    stopped = true;
    TopicTail t = tail;
    if (t != null) {
      t.wakeup();
    }
  }

  /** The running job, for tests and for its result. */
  JobHandle job() {
    return job;
  }

  /** Orders produced so far. */
  long ordersProduced() {
    return producer == null ? 0 : producer.sent();
  }

  /**
   * Stops the producer, cancels the job and waits for it, then stops the embedded broker and
   * deletes the temporary directory.
   *
   * @return the job's result, or null if it did not end in time
   * @throws dev.runnel.api.JobExecutionException if the job failed (after everything stopped)
   */
  JobResult shutDown() {
    try {
      if (producer != null) {
        producer.close();
      }
      job.cancel();
      return job.await(Duration.ofSeconds(20));
    } catch (TimeoutException e) {
      return null;
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    stopped = true;
    if (producer != null) {
      producer.close();
    }
    if (job != null && !job.isDone()) {
      job.cancel();
    }
    if (tail != null) {
      tail.close();
    }
    if (broker != null) {
      broker.close();
    }
    deleteRecursively(workDir);
  }

  private Map<String, Object> clientSettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    int timeout = (int) CONNECT_TIMEOUT.toMillis();
    settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    return settings;
  }

  private void createTopics(Map<String, Object> settings, List<String> topics) {
    try (Admin admin = Admin.create(settings)) {
      for (String topic : topics) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, Optional.of(PARTITIONS),
              Optional.empty()))).all().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new CommandFailedException("demo: cannot create topic '" + topic + "' at "
                + bootstrapServers + ": " + e.getCause().getMessage(), e);
          }
        }
      }
    } catch (TimeoutException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("demo: interrupted", e);
    }
  }

  private int partitions(Map<String, Object> settings, String topic) {
    long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(settings)) {
      while (true) {
        try {
          return admin.describeTopics(List.of(topic)).allTopicNames()
              .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions()
              .size();
        } catch (ExecutionException e) {
          // A topic just created may not have reached the broker's metadata yet: ask again.
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
              || System.nanoTime() > deadline) {
            throw new CommandFailedException("demo: cannot describe topic '" + topic + "' at "
                + bootstrapServers + ": " + e.getCause().getMessage(), e);
          }
          Thread.sleep(100);
        }
      }
    } catch (TimeoutException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("demo: interrupted", e);
    }
  }

  private CommandFailedException unreachable(Exception cause) {
    return new CommandFailedException("demo: cannot reach Kafka at " + bootstrapServers
        + " within " + KafkaClientOptions.describe(CONNECT_TIMEOUT)
        + ": is a broker running there? (without --bootstrap-servers the demo runs its own)",
        cause);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
