package dev.runnel.kafka.sink;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import dev.runnel.kafka.sink.internal.ExactlyOnceKafkaWriter;
import dev.runnel.kafka.sink.internal.FlushingKafkaWriter;
import dev.runnel.kafka.sink.internal.KafkaSinkCommitter;
import dev.runnel.kafka.sink.internal.KafkaSinkSettings;
import dev.runnel.kafka.sink.internal.LiveTransactions;
import dev.runnel.kafka.sink.internal.RecordEncoder;
import dev.runnel.kafka.sink.internal.SinkAdmin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes records to a Kafka topic as JSON, with a key and a partitioner of the user's choice, at
 * the {@link DeliveryGuarantee} asked for; exactly once through Kafka transactions bound to
 * checkpoints.
 *
 * <pre>{@code
 * env.enableCheckpointing(Duration.ofSeconds(10));
 * orders.sinkTo(KafkaSink.<Order>builder()
 *     .bootstrapServers("localhost:9092")
 *     .topic("orders-out")
 *     .key(Order::customerId)
 *     .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
 *     .transactionalIdPrefix("order-alerts")   // unique to the job
 *     .build());
 * }</pre>
 *
 * <p><b>Records.</b> The value is the record as JSON (Jackson: records by their components, beans
 * by their properties). The key is what {@link Builder#key} returns: a string as UTF-8, a byte
 * array as it is, anything else as JSON; no key function means records without keys. The
 * partition is Kafka's default (murmur2 of the key) unless a {@link KafkaPartitioner} is given.
 *
 * <p><b>Exactly once</b> (in a job with checkpoints; see {@code runnel-kafka/README.md} for the
 * whole story). Each subtask writes the records between two checkpoint barriers in one Kafka
 * transaction, begun on the first record after a barrier. At the barrier it flushes the
 * transaction, which stays open, and stores its transactional id, producer id and epoch in the
 * checkpoint; when the checkpoint is complete, the committer commits it. Transactional ids are
 * {@code <prefix>-<subtask>-<slot>}: each subtask has a small pool of {@link
 * Builder#transactionSlots} producers, since one producer holds one transaction and a prepared
 * transaction waits for its checkpoint while the next one is written. Before every start or
 * restart the committer commits the transactions of the restored checkpoint and aborts every
 * other open transaction under the prefix (left by a failed or killed run, at any parallelism),
 * so a {@code read_committed} consumer sees each record once and is not blocked by a transaction
 * a killed process left open.
 *
 * <p><b>The transaction timeout rule.</b> The broker aborts a transaction open longer than the
 * producer's {@code transaction.timeout.ms} ({@link Builder#transactionTimeout}). A transaction is
 * open from its first record until the checkpoint after it completes, and after a failure until
 * the restarted job has recovered. So the timeout must be larger than the checkpoint interval
 * (plus the time a checkpoint takes) plus the longest outage you must survive; a transaction the
 * broker aborted before its commit loses its records (the commit finds it fenced and logs it). It
 * must also be at most the broker's {@code transaction.max.timeout.ms} (15 minutes by default),
 * or the producers fail to start.
 *
 * <p><b>Resuming transactions.</b> kafka-clients 4.4 has no public API for committing a
 * transaction from another producer (KIP-939's {@code prepareTransaction} is not public), so a
 * transaction prepared before a restart is committed by a new producer given its producer id and
 * epoch through reflection into the client's {@code TransactionManager}.
 *
 * <p><b>Failures.</b> Every call to Kafka is bounded by {@link Builder#timeout}: an unreachable
 * broker fails the job within it, with one line naming the address. A failed send fails the job.
 * The topic must exist unless {@link Builder#createTopicIfMissing} is set.
 *
 * <p>The sink object is shared by all subtasks; the key function and partitioner are called from
 * several threads at once and must be thread-safe. Its writers run on threads of their own
 * ({@link #isBlocking()}), since a producer may block.
 *
 * @param <T> record type
 */
@Public
public final class KafkaSink<T> implements Sink<T> {
  private final KafkaSinkSettings settings;
  private final RecordEncoder<T> encoder;
  /** The running writers' transactions in this JVM, for the committer. */
  private final LiveTransactions live = new LiveTransactions();
  /** The topic's partition count, once the cluster and topic have been checked. */
  private volatile int partitions;

  private KafkaSink(KafkaSinkSettings settings, RecordEncoder<T> encoder) {
    this.settings = settings;
    this.encoder = encoder;
  }

  /** Starts building a sink of records of type {@code T}. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * The writer of a subtask: transactional for exactly-once in a job with checkpoints, otherwise a
   * plain producer. Checks the cluster and topic first (once per sink).
   *
   * @throws RunnelException if the cluster does not answer within the timeout, or the topic is
   *     missing and may not be created
   */
  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    int n = ensureTopic();
    if (settings.guarantee() == DeliveryGuarantee.EXACTLY_ONCE
        && context.isCheckpointingEnabled()) {
      return new ExactlyOnceKafkaWriter<>(settings, encoder, n, context.subtaskIndex(), live);
    }
    return new FlushingKafkaWriter<>(settings, encoder, n);
  }

  /**
   * A committer for {@link DeliveryGuarantee#EXACTLY_ONCE} (commits transactions) and {@link
   * DeliveryGuarantee#AT_LEAST_ONCE} (nothing to commit, but it makes the writers flush at every
   * checkpoint barrier); null for {@link DeliveryGuarantee#NONE}.
   */
  @Override
  public Committer<?> createCommitter() {
    if (settings.guarantee() == DeliveryGuarantee.NONE) {
      return null;
    }
    return new KafkaSinkCommitter(settings, live, this::ensureTopic);
  }

  /** True: a producer may block (a full buffer, metadata, waiting for a transaction slot). */
  @Override
  public boolean isBlocking() {
    return true;
  }

  private synchronized int ensureTopic() {
    if (partitions == 0) {
      partitions = SinkAdmin.ensureTopic(settings);
    }
    return partitions;
  }

  /** The topic written. */
  public String topic() {
    return settings.topic();
  }

  /** The delivery guarantee asked for. */
  public DeliveryGuarantee deliveryGuarantee() {
    return settings.guarantee();
  }

  @Override
  public String toString() {
    return "KafkaSink(" + settings.topic() + " at " + settings.bootstrapServers() + ", "
        + settings.guarantee() + ")";
  }

  /**
   * Builds a {@link KafkaSink}. {@link #bootstrapServers} and {@link #topic} are required, and
   * {@link #transactionalIdPrefix} for exactly-once; everything else has a default.
   *
   * @param <T> record type
   */
  @Public
  public static final class Builder<T> {
    private String bootstrapServers;
    private String topic;
    private DeliveryGuarantee guarantee = DeliveryGuarantee.AT_LEAST_ONCE;
    private String transactionalIdPrefix;
    private int transactionSlots = 4;
    private Duration transactionTimeout = Duration.ofMinutes(15);
    private Duration timeout = Duration.ofSeconds(30);
    private int partitionsIfMissing;
    private Function<? super T, ?> key;
    private KafkaPartitioner<? super T> partitioner;
    private final Map<String, String> producerProperties = new LinkedHashMap<>();

    private Builder() {}

    /** The brokers to connect to first, {@code host:port[,host:port…]}. Required. */
    public Builder<T> bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
      return this;
    }

    /** The topic to write. Required. */
    public Builder<T> topic(String topic) {
      this.topic = requireText(topic, "topic");
      return this;
    }

    /** {@link DeliveryGuarantee#AT_LEAST_ONCE} unless set. */
    public Builder<T> deliveryGuarantee(DeliveryGuarantee guarantee) {
      this.guarantee = Objects.requireNonNull(guarantee, "guarantee");
      return this;
    }

    /**
     * The start of the sink's transactional ids, {@code <prefix>-<subtask>-<slot>}. Required for
     * exactly-once. It must be unique to the job and stay the same across its restarts: recovery
     * aborts every open transaction under it, and two jobs sharing one would fence each other.
     */
    public Builder<T> transactionalIdPrefix(String prefix) {
      this.transactionalIdPrefix = requireText(prefix, "transactionalIdPrefix");
      return this;
    }

    /**
     * Transactional producers per subtask (4 unless set, at least 2): one takes the records of
     * the current checkpoint, the others hold prepared transactions until their checkpoints
     * complete. With {@code n} slots, {@code n - 2} checkpoints in a row may fail without
     * stalling the writer.
     */
    public Builder<T> transactionSlots(int slots) {
      if (slots < 2) {
        throw new IllegalArgumentException("transactionSlots must be at least 2, got " + slots);
      }
      this.transactionSlots = slots;
      return this;
    }

    /**
     * The producers' {@code transaction.timeout.ms} (15 minutes unless set): it must exceed the
     * checkpoint interval plus the longest outage to survive, and be at most the broker's {@code
     * transaction.max.timeout.ms}. See the class comment.
     */
    public Builder<T> transactionTimeout(Duration timeout) {
      this.transactionTimeout = positive(timeout, "transactionTimeout");
      return this;
    }

    /**
     * The bound on every call to Kafka (30 s unless set): reaching the cluster, metadata, a send,
     * a flush, beginning, committing or aborting a transaction, and waiting for a free
     * transaction slot. Past it the job fails with one line naming the address.
     */
    public Builder<T> timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * Creates the topic with {@code partitions} partitions (and the broker's default replication
     * factor) if it does not exist when the job starts; without this a missing topic fails the
     * job.
     */
    public Builder<T> createTopicIfMissing(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
      }
      this.partitionsIfMissing = partitions;
      return this;
    }

    /**
     * The key of each record; strings are written as UTF-8, byte arrays as they are, other values
     * as JSON. Null (the default) writes records without keys.
     */
    public Builder<T> key(Function<? super T, ?> key) {
      this.key = key;
      return this;
    }

    /** The partitioner; null (the default) uses Kafka's, by key. */
    public Builder<T> partitioner(KafkaPartitioner<? super T> partitioner) {
      this.partitioner = partitioner;
      return this;
    }

    /**
     * Any other producer property ({@code compression.type}, {@code security.protocol}, …). It
     * overrides what the sink sets itself, which may break a guarantee: {@code acks}, {@code
     * enable.idempotence} and the transactional settings are best left alone.
     */
    public Builder<T> producerProperty(String key, String value) {
      producerProperties.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @throws IllegalStateException if a required setting is missing, or the transaction timeout
     *     is shorter than the timeout
     */
    public KafkaSink<T> build() {
      if (bootstrapServers == null) {
        throw new IllegalStateException("KafkaSink needs bootstrapServers(...)");
      }
      if (topic == null) {
        throw new IllegalStateException("KafkaSink needs topic(...)");
      }
      if (guarantee == DeliveryGuarantee.EXACTLY_ONCE && transactionalIdPrefix == null) {
        throw new IllegalStateException("an exactly-once KafkaSink (topic '" + topic
            + "') needs transactionalIdPrefix(...), unique to the job: its transactional ids "
            + "start with it, and recovery aborts every open transaction under it");
      }
      if (transactionTimeout.compareTo(timeout) < 0) {
        throw new IllegalStateException("the transaction timeout (" + transactionTimeout
            + ") of the KafkaSink to topic '" + topic + "' is shorter than its timeout ("
            + timeout + ")");
      }
      KafkaSinkSettings settings = new KafkaSinkSettings(bootstrapServers, topic, guarantee,
          transactionalIdPrefix, transactionSlots, transactionTimeout, timeout,
          partitionsIfMissing, producerProperties);
      return new KafkaSink<>(settings, new RecordEncoder<>(topic, key, partitioner));
    }

    private static String requireText(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
