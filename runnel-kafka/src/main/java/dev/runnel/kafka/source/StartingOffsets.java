package dev.runnel.kafka.source;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a {@link KafkaSource} starts reading the partitions it finds when the job starts afresh.
 * A job restored from a checkpoint ignores it and goes on from the checkpoint's offsets; a
 * partition created while the job runs is read from its earliest offset, since everything in it
 * is newer than the job.
 *
 * <p>The offsets are resolved once, when the readers open, and kept as plain offsets from then
 * on: a checkpoint taken at any time after that holds real offsets, never "latest".
 */
@Public
public final class StartingOffsets implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What a starting position is made of. */
  public enum Kind {
    /** The first offset still in the log. */
    EARLIEST,
    /** The end of the log when the job starts: only records written afterwards are read. */
    LATEST,
    /** The consumer group's committed offset, or the fallback where it has none. */
    COMMITTED,
    /** The first record whose timestamp is at or after an instant (the end if there is none). */
    TIMESTAMP
  }

  private final Kind kind;
  private final Kind fallback;
  private final long timestampMillis;

  private StartingOffsets(Kind kind, Kind fallback, long timestampMillis) {
    this.kind = kind;
    this.fallback = fallback;
    this.timestampMillis = timestampMillis;
  }

  public static StartingOffsets earliest() {
    return new StartingOffsets(Kind.EARLIEST, null, 0);
  }

  public static StartingOffsets latest() {
    return new StartingOffsets(Kind.LATEST, null, 0);
  }

  /**
   * The group's committed offsets (the source needs a {@code groupId}); a partition without one
   * starts at {@code fallback}, which is {@link #earliest()} or {@link #latest()}.
   */
  public static StartingOffsets committed(StartingOffsets fallback) {
    Objects.requireNonNull(fallback, "fallback");
    if (fallback.kind != Kind.EARLIEST && fallback.kind != Kind.LATEST) {
      throw new IllegalArgumentException(
          "the fallback of committed offsets must be earliest or latest, not " + fallback);
    }
    return new StartingOffsets(Kind.COMMITTED, fallback.kind, 0);
  }

  /** The first record at or after {@code time} in each partition; the end where there is none. */
  public static StartingOffsets timestamp(Instant time) {
    return new StartingOffsets(Kind.TIMESTAMP, null, time.toEpochMilli());
  }

  public Kind kind() {
    return kind;
  }

  /** For {@link Kind#COMMITTED}: {@link Kind#EARLIEST} or {@link Kind#LATEST}; else null. */
  public Kind fallback() {
    return fallback;
  }

  /** For {@link Kind#TIMESTAMP}: the instant in epoch milliseconds. */
  public long timestampMillis() {
    return timestampMillis;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case COMMITTED -> "committed (else " + fallback.name().toLowerCase() + ")";
      case TIMESTAMP -> "timestamp " + Instant.ofEpochMilli(timestampMillis);
      default -> kind.name().toLowerCase();
    };
  }
}
