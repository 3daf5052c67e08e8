package dev.runnel.kafka.source;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.util.Objects;

/**
 * Where a {@link KafkaSource} is in one partition, as its checkpoints record it: one per partition
 * a reader owns.
 *
 * @param topic the partition's topic
 * @param partition the partition's number
 * @param nextOffset the offset of the next record to read (every record before it was emitted)
 * @param stopOffset in bounded mode, the end offset found when the job first started (the
 *     partition is done once {@code nextOffset} reaches it); {@link #UNBOUNDED} otherwise
 */
@Public
public record KafkaPartitionSplit(String topic, int partition, long nextOffset, long stopOffset)
    implements Serializable {
  /** The {@code stopOffset} of a partition read without end. */
  public static final long UNBOUNDED = -1;

  public KafkaPartitionSplit {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0 || nextOffset < 0 || stopOffset < UNBOUNDED) {
      throw new IllegalArgumentException("invalid split " + topic + "-" + partition + ": next "
          + nextOffset + ", stop " + stopOffset);
    }
  }

  /** {@code topic-partition}, as Kafka names a partition; also the split's id for watermarks. */
  public String id() {
    return topic + "-" + partition;
  }

  /** True in bounded mode once every record up to the stop offset was read. */
  public boolean isFinished() {
    return stopOffset != UNBOUNDED && nextOffset >= stopOffset;
  }
}
