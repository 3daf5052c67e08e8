package dev.runnel.examples.io;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a packaged job talks to Kafka when one of its endpoints is a topic: the cluster, extra
 * client properties (security, tuning; given to every consumer, producer and admin client), the
 * consumer group of its input, where the input starts without a checkpoint, whether the input is
 * bounded, and how long to wait for the cluster before failing. Immutable.
 *
 * @param bootstrapServers {@code HOST:PORT[,HOST:PORT…]} ({@code --bootstrap-servers})
 * @param properties Kafka client properties ({@code --kafka-property KEY=VALUE})
 * @param groupId the input's consumer group; empty for the job's name ({@code --group-id})
 * @param startingOffsets where the input starts without a checkpoint ({@code --starting-offsets})
 * @param bounded stop at the end offsets found at start ({@code --bounded})
 * @param connectTimeout how long to wait for the cluster to answer before the run fails
 */
public record KafkaSettings(
    String bootstrapServers,
    Map<String, String> properties,
    Optional<String> groupId,
    StartingOffsets startingOffsets,
    boolean bounded,
    Duration connectTimeout) {
  /** Where {@code runnel kafka start} listens. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  /** The settings when no Kafka option is given. */
  public static final KafkaSettings DEFAULTS = new KafkaSettings(DEFAULT_BOOTSTRAP_SERVERS,
      Map.of(), Optional.empty(), StartingOffsets.EARLIEST, false, Duration.ofSeconds(10));

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(startingOffsets, "startingOffsets");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  /** The consumer group: {@link #groupId()} if given, else {@code jobName}. */
  public String groupIdOr(String jobName) {
    return groupId.orElse(jobName);
  }
}
