package dev.runnel.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.kafka.source.internal.PartitionAssignment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that deals partitions to source subtasks, as plain logic. */
class KafkaPartitionAssignmentTest {

  @Test
  void when_partitionsOfOneTopicAreDealt_then_subtasksGetEvenShares() {
    for (int parallelism = 1; parallelism <= 7; parallelism++) {
      int[] counts = new int[parallelism];
      for (int p = 0; p < 20; p++) {
        int owner = PartitionAssignment.ownerOf("orders", p, parallelism);
        assertThat(owner).isBetween(0, parallelism - 1);
        counts[owner]++;
      }
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int c : counts) {
        min = Math.min(min, c);
        max = Math.max(max, c);
      }
      assertThat(max - min).as("at parallelism %d", parallelism).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void when_topicGainsPartitions_then_theyContinueTheRoundRobin() {
    // The rule reads one partition's number, never the partition count, so partitions added
    // later do not move the old ones; and consecutive partitions go to consecutive subtasks.
    for (int p = 0; p < 12; p++) {
      assertThat(PartitionAssignment.ownerOf("t", p + 1, 3))
          .isEqualTo((PartitionAssignment.ownerOf("t", p, 3) + 1) % 3);
    }
  }

  @Test
  void when_severalTopics_then_theirFirstPartitionsDoNotAllLandOnSubtaskZero() {
    List<String> topics = List.of("orders", "payments", "clicks", "users", "events", "logs");
    assertThat(topics.stream().map(t -> PartitionAssignment.ownerOf(t, 0, 4)).distinct().count())
        .isGreaterThan(1);
  }

  @Test
  void when_parallelismIsNotPositive_then_refused() {
    assertThatThrownBy(() -> PartitionAssignment.ownerOf("t", 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
