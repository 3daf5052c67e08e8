package dev.runnel.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), running
 * inside this JVM. It is what {@code bin/runnel kafka start}, the demo and the tests use; an
 * application that talks to a real Kafka never needs it.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
 *   String bootstrap = kafka.bootstrapServers(); // "127.0.0.1:40123"
 *   ...
 * }
 * }</pre>
 *
 * <p>The broker is set up for one node: internal topics with one replica, transactions on (with
 * few transaction-log partitions, so the first transaction does not wait for fifty to be created),
 * no automatic topic creation (so a job naming a missing topic hears about it instead of reading
 * an empty one), no initial rebalance delay for consumer groups, and no retention limit (records
 * with old event times are kept; see {@link Builder#start()}).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final int port;
  private final Path dataDir;
  private final boolean deleteOnClose;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path dataDir, boolean deleteOnClose) {
    this.server = server;
    this.port = port;
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address clients connect to, {@code 127.0.0.1:PORT}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Where the broker keeps its logs and metadata. */
  public Path dataDir() {
    return dataDir;
  }

  /** Blocks until the broker has shut down (after {@link #close()} from another thread). */
  public void awaitShutdown() {
    server.awaitShutdown();
  }

  /**
   * Stops the broker and waits for it; deletes its data directory if the builder made a temporary
   * one. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
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

  /** Options of an {@link EmbeddedKafkaBroker}; {@link #start()} formats storage and starts it. */
  public static final class Builder {
    private int port;
    private Path dataDir;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** The client port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Where to keep data; reused across starts, so topics and offsets survive a restart. Without
     * it, a temporary directory is made and deleted on close.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** A broker setting, overriding the embedded defaults (for example {@code log.retention.ms}). */
    public Builder property(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /** How long {@link #start()} waits for the broker to accept clients; 60 s by default. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Formats the data directory if it is new, starts the broker and returns once it answers a
     * client request.
     *
     * @throws IllegalStateException if the port is taken or the broker does not come up in time
     */
    public EmbeddedKafkaBroker start() throws IOException {
      boolean temporary = dataDir == null;
      Path dir = temporary ? Files.createTempDirectory("runnel-kafka-") : dataDir;
      Files.createDirectories(dir);
      int clientPort = port == 0 ? freePort() : port;
      if (port != 0 && !isFree(clientPort)) {
        throw new IllegalStateException(
            "port " + clientPort + " is already in use: is another Kafka running there?");
      }
      int controllerPort = freePort();
      String logDir = dir.resolve("logs").toString();

      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      props.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + clientPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
              + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
      props.put("controller.listener.names", CONTROLLER_LISTENER);
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      props.put("log.dirs", logDir);
      props.put("auto.create.topics.enable", "false");
      props.put("num.partitions", "1");
      props.put("offsets.topic.replication.factor", "1");
      props.put("offsets.topic.num.partitions", "4");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("transaction.state.log.num.partitions", "4");
      props.put("group.initial.rebalance.delay.ms", "0");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("share.coordinator.state.topic.min.isr", "1");
      // Keep every record. Time-based retention compares record timestamps with the clock, so
      // a topic of replayed or test events (event times months back) would be emptied by the
      // first retention check, five minutes after start, along with its producers' state.
      props.put("log.retention.ms", "-1");
      props.put("log.retention.bytes", "-1");
      props.putAll(overrides);

      KafkaConfig config = KafkaConfig.fromProps(props, false);
      format(logDir);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, clientPort, dir, temporary);
      try {
        awaitReady(broker.bootstrapServers(), startTimeout);
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      return broker;
    }

    private static void format(String logDir) {
      if (Files.exists(Path.of(logDir, "meta.properties"))) {
        return; // formatted by an earlier start: keep its cluster id and data
      }
      try {
        new Formatter()
            .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
            .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
            .setClusterId(Uuid.randomUuid().toString())
            .setNodeId(1)
            .addDirectory(logDir)
            .setMetadataLogDirectory(logDir)
            .setControllerListenerName(CONTROLLER_LISTENER)
            .run();
      } catch (Exception e) {
        throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e, e);
      }
    }

    private static void awaitReady(String bootstrap, Duration timeout) {
      Properties props = new Properties();
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
      long deadline = System.nanoTime() + timeout.toNanos();
      try (Admin admin = Admin.create(props)) {
        while (true) {
          try {
            // Brokers answer DescribeCluster before they are registered; listing topics needs
            // the metadata the controller publishes, so it is the better sign of readiness.
            admin.listTopics().names().get();
            if (!admin.describeCluster().nodes().get().isEmpty()) {
              return;
            }
          } catch (Exception e) {
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException(
                  "the embedded Kafka broker at " + bootstrap + " did not start within " + timeout,
                  e);
            }
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "the embedded Kafka broker at " + bootstrap + " did not start within " + timeout);
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
          }
        }
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        return socket.getLocalPort();
      }
    }

    private static boolean isFree(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return false;
      } catch (IOException e) {
        return true;
      }
    }
  }
}
