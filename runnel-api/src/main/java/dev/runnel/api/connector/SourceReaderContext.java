package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;

/** What a source reader knows about where it runs. */
@Public
public interface SourceReaderContext {
  String jobName();

  /** Index of the reader's subtask, from 0 to {@code parallelism() - 1}. */
  int subtaskIndex();

  int parallelism();
}
