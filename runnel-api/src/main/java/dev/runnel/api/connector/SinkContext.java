package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;

/** What a sink writer knows about where it runs. */
@Public
public interface SinkContext {
  String jobName();

  int subtaskIndex();

  int parallelism();

  /**
   * True if the job takes checkpoints: a sink with a {@link Committer} then writes through
   * {@link SinkWriter#prepareCommit} and makes its output visible only on commit.
   */
  default boolean isCheckpointingEnabled() {
    return false;
  }
}
