package dev.runnel.cli;

import dev.runnel.kafka.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel kafka start [--port 9092] [--dir DIR]}: runs a single-node Kafka broker (KRaft,
 * see {@link EmbeddedKafkaBroker}) in this process, in the foreground, until Ctrl-C or SIGTERM.
 * Once it accepts clients it prints {@code bootstrap: 127.0.0.1:PORT} on standard output, the
 * only line it writes there, so a script can wait for it. With {@code --dir} its topics, records
 * and committed offsets survive a restart on the same directory; without, they live in a
 * temporary directory deleted when it stops.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Runs a single-node Kafka broker in this process until Ctrl-C or SIGTERM.",
        "Prints 'bootstrap: 127.0.0.1:PORT' on standard output once it accepts clients. "
            + "Topics are created explicitly ('runnel kafka topics --create'), never "
            + "automatically."})
final class KafkaStartCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
      description = "the port clients connect to, on 127.0.0.1; 0 picks a free one "
          + "(default: ${DEFAULT-VALUE})")
  private int port;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "where the broker keeps its data, created if missing; a restart on the same "
          + "directory finds its topics and records again (default: a temporary directory, "
          + "deleted when the broker stops)")
  private Path dir;

  private volatile EmbeddedKafkaBroker broker;

  @Override
  public Integer call() throws IOException {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + port + "' for option --port: must be between 0 and 65535");
    }
    if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + dir + "' for option --dir: a file, not a directory");
    }
    EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(port);
    if (dir != null) {
      builder.dataDir(dir);
    }
    try {
      broker = builder.start();
    } catch (IllegalStateException e) {
      throw new CommandFailedException("kafka: " + e.getMessage(), e);
    }
    // Ctrl-C and SIGTERM stop the JVM: the hook shuts the broker down cleanly (its logs are
    // flushed, so the next start on the same directory need not recover them).
    Thread hook = new Thread(broker::close, "runnel-kafka-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println("bootstrap: " + broker.bootstrapServers());
    out.flush();
    err.println("runnel: kafka: broker running at " + broker.bootstrapServers() + ", data in "
        + broker.dataDir() + (dir == null ? " (temporary, deleted on stop)" : "")
        + "; Ctrl-C to stop");
    err.flush();
    broker.awaitShutdown();
    broker.close(); // when the broker stopped by itself: still delete a temporary directory
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and the hook is stopping the broker; nothing to remove.
    }
    err.println("runnel: kafka: broker stopped");
    err.flush();
    return 0;
  }

  /**
   * Stops the broker started by {@link #call()}, which then returns; what Ctrl-C does, for tests
   * that run the command on a thread of their own. Does nothing before the broker has started.
   */
  void stop() {
    EmbeddedKafkaBroker running = broker;
    if (running != null) {
      running.close();
    }
  }
}
