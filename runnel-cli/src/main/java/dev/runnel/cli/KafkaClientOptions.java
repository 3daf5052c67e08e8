package dev.runnel.cli;

import dev.runnel.examples.JobArgumentException;
import dev.runnel.examples.JobArguments;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every {@code runnel kafka} client command shares ({@code --bootstrap-servers},
 * {@code --connect-timeout}) and the Kafka clients made from them. A picocli mixin.
 *
 * <p><b>Never a hang.</b> Kafka's clients retry an unreachable broker for a minute or more, and
 * some calls block until then. Every command therefore first asks the cluster to describe itself
 * within {@code --connect-timeout} ({@link #connect()}); when that fails, the command stops with
 * one line naming the address. The clients' own timeouts are set from the same value, so a broker
 * that goes away later is noticed in about that time too.
 */
final class KafkaClientOptions {
  static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  /** {@code host:port}, or {@code [IPv6]:port}. */
  private static final Pattern HOST_PORT =
      Pattern.compile("[^\\s:,]+:\\d{1,5}|\\[[0-9a-fA-F:.]+]:\\d{1,5}");

  @Spec(Spec.Target.MIXEE) private CommandSpec spec;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,HOST:PORT…]",
      defaultValue = DEFAULT_BOOTSTRAP_SERVERS,
      description = "the Kafka to talk to (default: ${DEFAULT-VALUE}, where 'runnel kafka start' "
          + "listens)")
  private String bootstrapServers;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "give up with an error if Kafka does not answer within this time "
          + "(default: ${DEFAULT-VALUE})")
  private String connectTimeout;

  /** The addresses as given, checked to be {@code HOST:PORT} pairs. */
  String bootstrapServers() {
    for (String address : bootstrapServers.split(",", -1)) {
      String trimmed = address.trim();
      if (!HOST_PORT.matcher(trimmed).matches()
          || Integer.parseInt(trimmed.substring(trimmed.lastIndexOf(':') + 1)) > 65535) {
        throw new ParameterException(spec.commandLine(), "invalid value '" + bootstrapServers
            + "' for option --bootstrap-servers: expected HOST:PORT, or several separated by "
            + "commas");
      }
    }
    return bootstrapServers.trim();
  }

  /** {@code --connect-timeout}, at least one millisecond. */
  Duration connectTimeout() {
    Duration timeout;
    try {
      timeout = JobArguments.duration("--connect-timeout", connectTimeout);
    } catch (JobArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (timeout.toMillis() < 1) {
      throw new ParameterException(spec.commandLine(), "invalid value '" + connectTimeout
          + "' for option --connect-timeout: must be at least 1ms");
    }
    return timeout;
  }

  /** Settings every client gets: the address and timeouts bounded by {@code --connect-timeout}. */
  Map<String, Object> commonSettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    int timeout = (int) Math.min(Integer.MAX_VALUE, connectTimeout().toMillis());
    settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    // Reconnect attempts to a dead address back off up to this; the default (1 s) is fine for a
    // few seconds of waiting, but keep it well below the timeout so a late broker is found.
    settings.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, Math.min(1000, timeout));
    return settings;
  }

  /**
   * An admin client that has reached the cluster within {@code --connect-timeout}.
   *
   * @throws CommandFailedException naming the address if the cluster did not answer in time
   */
  Admin connect() {
    Admin admin = create(() -> Admin.create(adminSettings()));
    try {
      admin.describeCluster().nodes().get(connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return admin;
    } catch (TimeoutException | ExecutionException e) {
      admin.close(Duration.ZERO);
      throw unreachable(e);
    } catch (InterruptedException e) {
      admin.close(Duration.ZERO);
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted while connecting to Kafka at "
          + bootstrapServers(), e);
    }
  }

  /**
   * The description of {@code topic}.
   *
   * @throws CommandFailedException if the topic does not exist (saying how to create it) or Kafka
   *     does not answer
   */
  TopicDescription describe(Admin admin, String topic) {
    // A topic created a moment ago may not have reached the broker's metadata yet: an unknown
    // topic is asked about again, briefly, before it is reported missing.
    long settle = System.nanoTime() + Math.min(connectTimeout().toMillis(), 2000) * 1_000_000L;
    try {
      while (true) {
        try {
          return admin.describeTopics(List.of(topic)).allTopicNames()
              .get(connectTimeout().toMillis(), TimeUnit.MILLISECONDS).get(topic);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
              || System.nanoTime() > settle) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new CommandFailedException("topic '" + topic + "' does not exist at "
            + bootstrapServers() + " (create it with 'runnel kafka topics --create " + topic
            + " --partitions N')");
      }
      throw failed("describe topic '" + topic + "'", e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted", e);
    }
  }

  /** The error for a Kafka that did not answer in time. */
  CommandFailedException unreachable(Exception cause) {
    return new CommandFailedException("cannot reach Kafka at " + bootstrapServers() + " within "
        + describe(connectTimeout()) + ": is a broker running there? ('runnel kafka start' runs "
        + "one)", cause);
  }

  /** The error for a request Kafka refused or failed: what was tried and Kafka's reason. */
  CommandFailedException failed(String what, Throwable cause) {
    String reason = cause == null ? "unknown error" : cause.getMessage() != null
        ? cause.getMessage() : cause.getClass().getSimpleName();
    return new CommandFailedException(
        "cannot " + what + " at " + bootstrapServers() + ": " + reason, cause);
  }

  /**
   * Creates a client, turning Kafka's refusal of the settings (an address that does not resolve)
   * into one line naming the address.
   */
  <C> C create(java.util.function.Supplier<C> client) {
    try {
      return client.get();
    } catch (KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new CommandFailedException("cannot connect to Kafka at " + bootstrapServers() + ": "
          + cause.getMessage(), e);
    }
  }

  private Map<String, Object> adminSettings() {
    Map<String, Object> settings = commonSettings();
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "runnel-kafka-admin");
    return settings;
  }

  /** {@code 10s}, {@code 500ms}: a duration as a user would type it. */
  static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
