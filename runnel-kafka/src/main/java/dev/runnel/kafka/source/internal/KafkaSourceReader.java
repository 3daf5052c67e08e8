package dev.runnel.kafka.source.internal;

import dev.runnel.api.RunnelException;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.RejectedRecordException;
import dev.runnel.api.connector.SourceOutput;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.kafka.internal.UninterruptedClose;
import dev.runnel.kafka.source.KafkaDeadLetter;
import dev.runnel.kafka.source.KafkaPartitionSplit;
import dev.runnel.kafka.source.KafkaRecordDeserializer;
import dev.runnel.kafka.source.KafkaSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the partitions one subtask of a {@link KafkaSource} owns ({@link PartitionAssignment}),
 * with a {@link KafkaConsumer} of its own that is {@code assign}ed them (never {@code subscribe}d:
 * no consumer-group rebalancing inside a job). Each partition is a split with its own output, so
 * its event time advances on its own.
 *
 * <p><b>Blocking.</b> The reader runs on a thread of its own ({@link KafkaSource#isBlocking()}):
 * {@link #pollNext} waits in the consumer's poll for up to {@link KafkaSource#POLL_TIMEOUT} when
 * nothing has been fetched yet, so a fetch is always in flight. Other metadata calls block, each for at most the source's request
 * timeout: listing topics and resolving start offsets in {@link #open()}, and the periodic
 * partition discovery (which logs and tries again later if the broker does not answer).
 *
 * <p><b>Threading.</b> Everything, {@link #notifyCheckpointComplete} included, is called on the
 * subtask's own thread, which is the only one that touches the consumer (it is not thread-safe).
 *
 * @param <T> record type
 */
public final class KafkaSourceReader<T> implements SourceReader<T> {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceReader.class);

  /** At most this many checkpoints' offsets wait for their completion to be committed. */
  private static final int MAX_PENDING_COMMITS = 32;

  /** One partition this reader owns, and where it is. */
  private static final class Partition {
    final TopicPartition tp;
    final String id;
    final long stop;
    long next;
    SourceOutput<Object> output;
    boolean finished;

    Partition(TopicPartition tp, long next, long stop) {
      this.tp = tp;
      this.id = tp.topic() + "-" + tp.partition();
      this.next = next;
      this.stop = stop;
    }
  }

  // Configuration
  private final KafkaSource<T> source;
  private final KafkaRecordDeserializer<T> deserializer;
  private final int subtask;
  private final int parallelism;
  /** Every split state of the checkpoint restored from, of all subtasks; null for a fresh start. */
  private final List<KafkaPartitionSplit> restored;
  /** Whether {@link #restored} is this subtask's share only (owned whatever the rule says). */
  private final boolean restoredShareOnly;
  private final LongSupplier clock;

  // Progress
  /** Every partition the job knows of, whoever owns it: the others are not new when discovered. */
  private final Set<TopicPartition> known = new HashSet<>();
  private final Map<TopicPartition, Partition> owned = new LinkedHashMap<>();
  private final TreeMap<Long, Map<TopicPartition, OffsetAndMetadata>> pendingCommits =
      new TreeMap<>();
  private KafkaConsumer<byte[], byte[]> consumer;
  private long nextDiscovery;
  private int unfinished;

  /**
   * @param restored the split states of every subtask of the checkpoint restored from, or null
   *     for a fresh start
   * @param restoredShareOnly true if {@code restored} is only this subtask's share, to be read
   *     whatever the assignment rule says; such a reader discovers no partitions, since it cannot
   *     tell a new one from one another subtask reads
   */
  public KafkaSourceReader(KafkaSource<T> source, int subtask, int parallelism,
      List<KafkaPartitionSplit> restored, boolean restoredShareOnly, LongSupplier clock) {
    this.restoredShareOnly = restoredShareOnly;
    this.source = source;
    this.deserializer = source.deserializer();
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.restored = restored;
    this.clock = clock;
  }

  @Override
  public void open() {
    try {
      consumer = new KafkaConsumer<>(source.consumerProperties());
    } catch (KafkaException e) {
      throw new RunnelException("cannot create a Kafka consumer for " + source.bootstrapServers()
          + ": " + rootMessage(e), e);
    }
    Map<String, Integer> topics = listTopics(true);
    if (restored == null) {
      List<TopicPartition> mine = new ArrayList<>();
      for (TopicPartition tp : partitionsOf(topics)) {
        known.add(tp);
        if (isMine(tp)) {
          mine.add(tp);
        }
      }
      Map<TopicPartition, Long> start = StartOffsets.resolve(consumer, mine,
          source.startingOffsets(), source.requestTimeout());
      Map<TopicPartition, Long> stop = source.isBounded()
          ? withTimeout(() -> consumer.endOffsets(mine, source.requestTimeout()),
              "find the end offsets")
          : Map.of();
      for (TopicPartition tp : mine) {
        own(tp, start.get(tp), source.isBounded() ? stop.get(tp) : KafkaPartitionSplit.UNBOUNDED);
      }
    } else {
      for (KafkaPartitionSplit split : restored) {
        TopicPartition tp = new TopicPartition(split.topic(), split.partition());
        known.add(tp);
        if (restoredShareOnly || isMine(tp)) {
          own(tp, split.nextOffset(), split.stopOffset());
        }
      }
    }
    assignAndSeek(new ArrayList<>(owned.values()));
    if (discovers()) {
      addNewPartitions(topics); // created while the job was down: all new
    }
    nextDiscovery = clock.getAsLong() + source.discoveryIntervalMillis();
    LOG.debug("subtask {} of {} reads {}", subtask, parallelism, owned.keySet());
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) {
    @SuppressWarnings("unchecked")
    ReaderOutput<Object> out = (ReaderOutput<Object>) output;
    for (Partition p : owned.values()) {
      if (p.output == null) {
        p.output = out.createOutputForSplit(p.id);
        if (p.finished) {
          out.releaseOutputForSplit(p.id); // bounded and already read to its end
        }
      }
    }
    if (discovers() && clock.getAsLong() >= nextDiscovery) {
      discover(out);
    }
    if (unfinished == 0) {
      return source.isBounded() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }
    ConsumerRecords<byte[], byte[]> records = consumer.poll(KafkaSource.POLL_TIMEOUT);
    for (TopicPartition tp : records.partitions()) {
      Partition p = owned.get(tp);
      if (p == null || p.finished) {
        continue;
      }
      for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
        if (p.stop != KafkaPartitionSplit.UNBOUNDED && record.offset() >= p.stop) {
          break;
        }
        emit(p, record, out);
        p.next = record.offset() + 1;
      }
    }
    if (source.isBounded()) {
      finishPartitionsAtTheirEnd(out);
      if (unfinished == 0) {
        return InputStatus.END_OF_INPUT;
      }
    }
    return records.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
  }

  /** Decodes one record and emits it on its partition's output, or makes it a dead letter. */
  private void emit(Partition p, ConsumerRecord<byte[], byte[]> record,
      ReaderOutput<Object> out) {
    int size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
    if (size > source.maxRecordBytes()) {
      deadLetter(record, "record of " + size + " bytes is larger than the limit of "
          + source.maxRecordBytes() + " bytes (maxRecordBytes)", out);
      return;
    }
    T value;
    try {
      value = deserializer.deserialize(record);
    } catch (Exception e) {
      deadLetter(record, reasonOf(e), out);
      return;
    }
    if (value == null) {
      return; // the deserializer skips it
    }
    try {
      if (record.timestamp() >= 0) {
        p.output.collect(value, record.timestamp());
      } else {
        p.output.collect(value);
      }
    } catch (RejectedRecordException e) {
      // The runtime refused the decoded record (an unbelievable event time): as bad as bytes
      // that do not decode, so it goes the same way.
      deadLetter(record, e.getMessage(), out);
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason,
      ReaderOutput<Object> out) {
    out.output(KafkaSource.DEAD_LETTERS, new KafkaDeadLetter(record.topic(), record.partition(),
        record.offset(), record.timestamp(), reason, record.key(), record.value()));
  }

  private static String reasonOf(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /**
   * Bounded mode: partitions whose consumer position passed the stop offset are done, even when
   * the last offsets before it held no record (transaction markers, compacted records).
   */
  private void finishPartitionsAtTheirEnd(ReaderOutput<Object> out) {
    boolean any = false;
    for (Partition p : owned.values()) {
      if (p.finished) {
        continue;
      }
      if (p.next < p.stop && consumer.position(p.tp, Duration.ZERO) >= p.stop) {
        p.next = p.stop;
      }
      if (p.next >= p.stop) {
        p.finished = true;
        unfinished--;
        out.releaseOutputForSplit(p.id);
        any = true;
      }
    }
    if (any) {
      List<TopicPartition> active = new ArrayList<>();
      for (Partition p : owned.values()) {
        if (!p.finished) {
          active.add(p.tp);
        }
      }
      consumer.assign(active); // no more fetching for finished partitions
    }
  }

  /** Looks for partitions created since the last look; new ones of this subtask from the start. */
  private void discover(ReaderOutput<Object> out) {
    nextDiscovery = clock.getAsLong() + source.discoveryIntervalMillis();
    Map<String, Integer> topics;
    try {
      topics = listTopics(false);
    } catch (RunnelException e) {
      LOG.warn("partition discovery failed, trying again in {} ms: {}",
          source.discoveryIntervalMillis(), e.getMessage());
      return;
    }
    List<Partition> added = addNewPartitions(topics);
    for (Partition p : added) {
      p.output = out.createOutputForSplit(p.id);
    }
  }

  /** Adds the partitions in {@code topics} the job did not know; returns those now owned here. */
  private List<Partition> addNewPartitions(Map<String, Integer> topics) {
    List<TopicPartition> fresh = new ArrayList<>();
    for (TopicPartition tp : partitionsOf(topics)) {
      if (known.add(tp) && isMine(tp)) {
        fresh.add(tp);
      }
    }
    if (fresh.isEmpty()) {
      return List.of();
    }
    // Everything in a partition created after the job started is newer than the job.
    Map<TopicPartition, Long> start = withTimeout(
        () -> consumer.beginningOffsets(fresh, source.requestTimeout()),
        "find the start of new partitions");
    List<Partition> added = new ArrayList<>();
    for (TopicPartition tp : fresh) {
      added.add(own(tp, start.get(tp), KafkaPartitionSplit.UNBOUNDED));
    }
    LOG.info("subtask {} of {}: new partitions {}", subtask, parallelism, fresh);
    List<TopicPartition> active = new ArrayList<>();
    for (Partition p : owned.values()) {
      if (!p.finished) {
        active.add(p.tp);
      }
    }
    consumer.assign(active); // keeps the positions of partitions already assigned
    for (Partition p : added) {
      consumer.seek(p.tp, p.next);
    }
    return added;
  }

  private boolean discovers() {
    return !source.isBounded() && source.discoveryIntervalMillis() > 0 && !restoredShareOnly;
  }

  private Partition own(TopicPartition tp, long next, long stop) {
    Partition p = new Partition(tp, next, stop);
    p.finished = stop != KafkaPartitionSplit.UNBOUNDED && next >= stop;
    if (!p.finished) {
      unfinished++;
    }
    owned.put(tp, p);
    return p;
  }

  private void assignAndSeek(Collection<Partition> partitions) {
    List<TopicPartition> active = new ArrayList<>();
    for (Partition p : partitions) {
      if (!p.finished) {
        active.add(p.tp);
      }
    }
    consumer.assign(active);
    for (Partition p : partitions) {
      if (!p.finished) {
        consumer.seek(p.tp, p.next);
      }
    }
  }

  private boolean isMine(TopicPartition tp) {
    return PartitionAssignment.ownerOf(tp.topic(), tp.partition(), parallelism) == subtask;
  }

  /**
   * The partition counts of the topics this source reads, by topic.
   *
   * @param requireListed whether a listed topic that does not exist is an error (at start) or is
   *     passed over (while discovering)
   */
  private Map<String, Integer> listTopics(boolean requireListed) {
    Map<String, List<org.apache.kafka.common.PartitionInfo>> all = withTimeout(
        () -> consumer.listTopics(source.requestTimeout()), "list its topics");
    Map<String, Integer> matched = new TreeMap<>();
    if (source.topicPattern() != null) {
      for (var e : all.entrySet()) {
        if (source.topicPattern().matcher(e.getKey()).matches()) {
          matched.put(e.getKey(), e.getValue().size());
        }
      }
      return matched;
    }
    for (String topic : source.topics()) {
      var partitions = all.get(topic);
      if (partitions == null) {
        if (requireListed) {
          throw new RunnelException("Kafka topic '" + topic + "' does not exist at "
              + source.bootstrapServers());
        }
        continue;
      }
      matched.put(topic, partitions.size());
    }
    return matched;
  }

  /** Every partition of {@code topics}, sorted by topic and number. */
  private static List<TopicPartition> partitionsOf(Map<String, Integer> topics) {
    List<TopicPartition> out = new ArrayList<>();
    for (var e : topics.entrySet()) {
      for (int p = 0; p < e.getValue(); p++) {
        out.add(new TopicPartition(e.getKey(), p));
      }
    }
    return out;
  }

  /** A metadata call that gives up after the source's request timeout, with one clear line. */
  private <R> R withTimeout(java.util.function.Supplier<R> call, String what) {
    try {
      return call.get();
    } catch (TimeoutException e) {
      throw new RunnelException("cannot reach Kafka at " + source.bootstrapServers()
          + ": no broker answered within " + source.requestTimeout().toMillis() + " ms (to "
          + what + "; see KafkaSource.Builder.requestTimeout)", e);
    } catch (KafkaException e) {
      throw new RunnelException("Kafka at " + source.bootstrapServers() + " failed to " + what
          + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /**
   * The position of every partition this reader owns, finished ones included. Also kept, if the
   * source has a consumer group, to be committed there when the checkpoint completes.
   */
  @Override
  public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
    List<KafkaPartitionSplit> states = new ArrayList<>(owned.size());
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Partition p : owned.values()) {
      states.add(new KafkaPartitionSplit(p.tp.topic(), p.tp.partition(), p.next, p.stop));
      offsets.put(p.tp, new OffsetAndMetadata(p.next));
    }
    if (source.groupId() != null && !offsets.isEmpty()) {
      pendingCommits.put(checkpointId, offsets);
      while (pendingCommits.size() > MAX_PENDING_COMMITS) {
        pendingCommits.pollFirstEntry(); // their checkpoints failed or were never confirmed
      }
    }
    return states;
  }

  /**
   * Commits the offsets of checkpoint {@code checkpointId} to the consumer group, asynchronously,
   * so lag tools see the job's progress. A failed commit is only logged: the job's position is in
   * its checkpoints, and the next completed checkpoint commits again.
   */
  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    Map<TopicPartition, OffsetAndMetadata> offsets = pendingCommits.get(checkpointId);
    pendingCommits.headMap(checkpointId, true).clear();
    if (offsets == null || consumer == null) {
      return;
    }
    consumer.commitAsync(offsets, (committed, e) -> {
      if (e != null) {
        LOG.warn("committing offsets of checkpoint {} to group {} failed: {}", checkpointId,
            source.groupId(), e.toString());
      }
    });
  }

  /** The partitions this reader owns now, sorted; for tests and logs. */
  public List<TopicPartition> ownedPartitions() {
    List<TopicPartition> out = new ArrayList<>(owned.keySet());
    out.sort((a, b) -> a.topic().equals(b.topic())
        ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
    return out;
  }

  @Override
  public void close() {
    if (consumer != null) {
      KafkaConsumer<byte[], byte[]> c = consumer;
      consumer = null;
      // Out of reach of the cancel's interrupts (the consumer would give up at once), letting a
      // pending asynchronous commit finish, within bounds.
      UninterruptedClose.run("runnel-kafka-source-close-" + subtask,
          () -> c.close(CloseOptions.timeout(source.requestTimeout())));
    }
  }
}
