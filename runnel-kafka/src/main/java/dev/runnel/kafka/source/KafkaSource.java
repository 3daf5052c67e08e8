package dev.runnel.kafka.source;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import dev.runnel.kafka.source.internal.KafkaSourceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads Kafka topics: each partition is a split, read by exactly one source subtask, with its
 * offset in the job's checkpoints and event time of its own.
 *
 * <pre>{@code
 * KafkaSource<Order> source = KafkaSource.<Order>builder()
 *     .bootstrapServers("localhost:9092")
 *     .topics("orders")
 *     .deserializer(KafkaRecordDeserializer.json(Order.class))
 *     .startingOffsets(StartingOffsets.committed(StartingOffsets.earliest()))
 *     .groupId("order-alerts")            // offsets committed there at each checkpoint
 *     .build();
 * DataStream<Order> orders = env.fromSource(source,
 *     WatermarkStrategy.<Order>forBoundedOutOfOrderness(Duration.ofSeconds(5))
 *         .withIdleness(Duration.ofMinutes(1)), "orders");
 * orders.getSideOutput(KafkaSource.DEAD_LETTERS).sinkTo(KafkaDeadLetterSink.toTopic(
 *     "localhost:9092", "orders-dead-letters"));
 * }</pre>
 *
 * <p><b>Partitions and subtasks.</b> Partition {@code n} of topic {@code t} is read by subtask
 * {@code (floorMod(t.hashCode(), p) + n) mod p} at parallelism {@code p}: the same in every run,
 * so readers need no consumer-group rebalancing ({@code assign}, never {@code subscribe}). A
 * subtask without partitions emits nothing; give the watermark strategy an idleness timeout, or
 * it holds the job's event time back. New partitions (and, with a pattern, new topics) are looked
 * for every {@link Builder#partitionDiscoveryInterval} and read from their earliest offset by
 * their owner.
 *
 * <p><b>Bounded mode</b> ({@link Builder#bounded()}): each partition is read up to the end offset
 * it had when the job first started, then the source ends (a restored job keeps the first run's
 * end offsets). Partitions created later are not read.
 *
 * <p><b>Event time.</b> A record's Kafka timestamp is its timestamp, unless the job's watermark
 * strategy has an assigner. Each partition has its own watermark generator and idleness, and a
 * subtask's watermark is the minimum over its partitions that are not idle.
 *
 * <p><b>Bad records.</b> A record larger than {@link Builder#maxRecordBytes}, one the
 * deserializer throws on, and one whose event time the job's timestamp bounds reject, become a
 * {@link KafkaDeadLetter} on the side output {@link #DEAD_LETTERS}, and the job goes on.
 *
 * <p><b>Checkpoints</b> hold a {@link KafkaPartitionSplit} per partition: its next offset (and
 * stop offset in bounded mode). A restore at any parallelism deals the checkpoint's partitions by
 * the rule above and goes on from those offsets; a partition not in the checkpoint is new. With a
 * {@link Builder#groupId}, the offsets of each completed checkpoint are also committed to the
 * group, for lag tools; the job never reads them back except for {@link
 * StartingOffsets#committed} on a fresh start.
 *
 * <p><b>Errors.</b> A listed topic that does not exist fails the job naming it; a broker that does
 * not answer fails it within {@link Builder#requestTimeout} with one line naming the address.
 *
 * <p>Thread-safe: one source serves all subtasks; each reader has its own consumer.
 *
 * @param <T> record type
 */
@Public
public final class KafkaSource<T> implements Source<T> {
  /** Side output of the records that could not become values. */
  public static final OutputTag<KafkaDeadLetter> DEAD_LETTERS =
      new OutputTag<>("kafka-dead-letters");

  private final String bootstrapServers;
  private final List<String> topics;
  private final Pattern topicPattern;
  private final KafkaRecordDeserializer<T> deserializer;
  private final StartingOffsets startingOffsets;
  private final boolean bounded;
  private final String groupId;
  private final Map<String, String> properties;
  private final Duration discoveryInterval;
  private final Duration requestTimeout;
  private final int maxRecordBytes;

  private KafkaSource(Builder<T> b) {
    this.bootstrapServers = b.bootstrapServers;
    this.topics = b.topics;
    this.topicPattern = b.topicPattern;
    this.deserializer = b.deserializer;
    this.startingOffsets = b.startingOffsets;
    this.bounded = b.bounded;
    this.groupId = b.groupId;
    this.properties = Map.copyOf(b.properties);
    this.discoveryInterval = b.discoveryInterval;
    this.requestTimeout = b.requestTimeout;
    this.maxRecordBytes = b.maxRecordBytes;
  }

  /** A builder; {@code bootstrapServers}, the topics and a deserializer are required. */
  /** How long a reader waits in the consumer's poll when no record is there yet. */
  public static final Duration POLL_TIMEOUT = Duration.ofMillis(20);

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  @Override
  public Boundedness boundedness() {
    return bounded ? Boundedness.BOUNDED : Boundedness.UNBOUNDED;
  }

  @Override
  public SourceReader<T> createReader(SourceReaderContext context) {
    return new KafkaSourceReader<>(this, context.subtaskIndex(), context.parallelism(), null,
        false, System::currentTimeMillis);
  }

  /**
   * True: each reader runs on a thread of its own and waits in the consumer's poll for up to
   * {@link #POLL_TIMEOUT}. A consumer polled without waiting, as a cooperative reader must be,
   * only sends its next fetch when it is polled again, and read at about half the rate of a plain
   * consumer loop in {@code bin/runnel-bench kafka-source}; waiting in poll keeps a fetch in
   * flight, as the plain loop does. The wait ends as soon as records arrive, so barriers and
   * checkpoint notifications wait at most that long on an idle topic.
   */
  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public boolean supportsCheckpoints() {
    return true;
  }

  /**
   * A reader that deals the partitions of every old subtask's state ({@link
   * SourceReaderContext#allRestoredSplitStates()}) by the assignment rule, so that partitions
   * found later are dealt by the same rule. A context that does not offer them (a test harness)
   * gets a reader of exactly {@code splitStates} that discovers no partitions, since it cannot
   * tell a new one from one another subtask reads.
   */
  @Override
  public SourceReader<T> restoreReader(SourceReaderContext context, List<Object> splitStates) {
    List<Object> all = context.allRestoredSplitStates();
    boolean share = all.isEmpty();
    List<KafkaPartitionSplit> splits = new ArrayList<>();
    for (Object state : share ? splitStates : all) {
      if (!(state instanceof KafkaPartitionSplit split)) {
        throw new IllegalArgumentException("not a split state of a KafkaSource: "
            + (state == null ? "null" : state.getClass().getName() + " " + state));
      }
      splits.add(split);
    }
    return new KafkaSourceReader<>(this, context.subtaskIndex(), context.parallelism(), splits,
        share, System::currentTimeMillis);
  }

  /** The consumer settings of each reader: yours, then the ones the source relies on. */
  public Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // an offset lost to retention
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
    p.putAll(properties);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    // Offsets are committed only when a checkpoint completes, never in the background.
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    if (groupId != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    return p;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The topics read, or an empty list when a pattern chooses them. */
  public List<String> topics() {
    return topics;
  }

  /** The pattern that chooses the topics, or null when they are listed. */
  public Pattern topicPattern() {
    return topicPattern;
  }

  public KafkaRecordDeserializer<T> deserializer() {
    return deserializer;
  }

  public StartingOffsets startingOffsets() {
    return startingOffsets;
  }

  public boolean isBounded() {
    return bounded;
  }

  /** The consumer group offsets are committed to, or null. */
  public String groupId() {
    return groupId;
  }

  /** Milliseconds between looks for new partitions; 0 when it does not look. */
  public long discoveryIntervalMillis() {
    return discoveryInterval == null ? 0 : discoveryInterval.toMillis();
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  @Override
  public String toString() {
    return "KafkaSource(" + (topicPattern != null ? "/" + topicPattern + "/" : topics) + " at "
        + bootstrapServers + ", " + startingOffsets + (bounded ? ", bounded" : "") + ")";
  }

  /**
   * Configures a {@link KafkaSource}. Required: {@link #bootstrapServers}, {@link #topics} or
   * {@link #topicPattern}, and {@link #deserializer}.
   *
   * @param <T> record type
   */
  @Public
  public static final class Builder<T> {
    private String bootstrapServers;
    private List<String> topics = List.of();
    private Pattern topicPattern;
    private KafkaRecordDeserializer<T> deserializer;
    private StartingOffsets startingOffsets = StartingOffsets.earliest();
    private boolean bounded;
    private String groupId;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Duration discoveryInterval = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxRecordBytes = 1 << 20;

    private Builder() {}

    /** The brokers to connect to first, as {@code host:port[,host:port…]}. */
    public Builder<T> bootstrapServers(String servers) {
      this.bootstrapServers = Objects.requireNonNull(servers, "servers");
      return this;
    }

    /** The topics to read; each must exist when the job starts. */
    public Builder<T> topics(String... topics) {
      return topics(List.of(topics));
    }

    public Builder<T> topics(List<String> topics) {
      if (topics.isEmpty()) {
        throw new IllegalArgumentException("no topics given");
      }
      this.topics = List.copyOf(topics);
      this.topicPattern = null;
      return this;
    }

    /** Every topic whose whole name matches {@code pattern}, now and later. */
    public Builder<T> topicPattern(Pattern pattern) {
      this.topicPattern = Objects.requireNonNull(pattern, "pattern");
      this.topics = List.of();
      return this;
    }

    public Builder<T> deserializer(KafkaRecordDeserializer<T> deserializer) {
      this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
      return this;
    }

    /** Where a fresh job starts; {@link StartingOffsets#earliest()} by default. */
    public Builder<T> startingOffsets(StartingOffsets offsets) {
      this.startingOffsets = Objects.requireNonNull(offsets, "offsets");
      return this;
    }

    /**
     * Stops at the end offsets found when the job first starts, and ends the source there: for
     * tests, back-fills and reprocessing a fixed range.
     */
    public Builder<T> bounded() {
      this.bounded = true;
      return this;
    }

    /**
     * The consumer group that completed checkpoints commit offsets to (and that {@link
     * StartingOffsets#committed} reads). Without one, nothing is committed.
     */
    public Builder<T> groupId(String groupId) {
      this.groupId = Objects.requireNonNull(groupId, "groupId");
      return this;
    }

    /**
     * A Kafka consumer setting ({@code security.protocol}, {@code fetch.min.bytes}, …). The
     * deserializers, {@code enable.auto.commit} and the bootstrap servers are the source's own.
     */
    public Builder<T> property(String key, String value) {
      properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** How often to look for new partitions (10 s by default); {@code Duration.ZERO}: never. */
    public Builder<T> partitionDiscoveryInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("negative discovery interval: " + interval);
      }
      this.discoveryInterval = interval;
      return this;
    }

    /**
     * How long a call to the brokers may take (30 s by default): a broker that does not answer
     * within it when the job starts fails the job with one line naming the address.
     */
    public Builder<T> requestTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("request timeout out of range: " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /** Records larger than this (key and value; 1 MiB by default) become dead letters. */
    public Builder<T> maxRecordBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxRecordBytes must be positive: " + bytes);
      }
      this.maxRecordBytes = bytes;
      return this;
    }

    /** @throws IllegalStateException if a required setting is missing or they contradict */
    public KafkaSource<T> build() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalStateException("KafkaSource needs bootstrapServers");
      }
      if (topics.isEmpty() && topicPattern == null) {
        throw new IllegalStateException("KafkaSource needs topics or a topicPattern");
      }
      if (deserializer == null) {
        throw new IllegalStateException("KafkaSource needs a deserializer");
      }
      if (startingOffsets.kind() == StartingOffsets.Kind.COMMITTED && groupId == null) {
        throw new IllegalStateException("committed starting offsets need a groupId");
      }
      return new KafkaSource<>(this);
    }
  }
}
