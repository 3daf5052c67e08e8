package dev.runnel.jdbc;

import dev.runnel.api.connector.SinkContext;

/** A sink context for driving a writer by hand, as the runtime would. */
record TestSinkContext(String jobName, int subtaskIndex, int parallelism, boolean checkpointing)
    implements SinkContext {
  @Override
  public boolean isCheckpointingEnabled() {
    return checkpointing;
  }
}
