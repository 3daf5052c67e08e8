package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;

/** What a sink writer knows about where it runs. */
@Public
public interface SinkContext {
  String jobName();

  int subtaskIndex();

  int parallelism();
}
