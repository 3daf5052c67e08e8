package dev.runnel.kafka.source.internal;

/**
 * Which source subtask reads a partition: {@code (floorMod(topic.hashCode(), p) + partition) mod
 * p} for parallelism {@code p}. So the partitions of one topic are dealt round robin from a start
 * that depends on the topic (several topics do not all pile their partition 0 on subtask 0), and
 * a partition added later does not move the others. Pure, and the same in every subtask and
 * every run, which is what lets readers agree without talking to each other or to a consumer
 * group; {@code String.hashCode} is specified by the JLS, so it does not change across JVMs.
 */
public final class PartitionAssignment {
  private PartitionAssignment() {}

  /** The subtask, from 0 to {@code parallelism - 1}, that owns {@code topic}-{@code partition}. */
  public static int ownerOf(String topic, int partition, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    return Math.floorMod(Math.floorMod(topic.hashCode(), parallelism) + partition, parallelism);
  }
}
