package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.util.List;

/** What a source reader knows about where it runs. */
@Public
public interface SourceReaderContext {
  String jobName();

  /** Index of the reader's subtask, from 0 to {@code parallelism() - 1}. */
  int subtaskIndex();

  int parallelism();

  /**
   * For a reader created by {@link Source#restoreReader}: the split states that every reader of
   * the checkpointed run returned from {@link SourceReader#snapshotState}, in the order of their
   * old subtask indexes; for a reader created by {@link Source#createReader}, an empty list.
   *
   * <p>Why: {@code restoreReader} hands each reader only its share of the splits, but a source
   * that discovers splits while it runs (new Kafka partitions) must tell a split that is new from
   * one another subtask owns since the restore, and a source that deals splits by a rule of its
   * own (rather than the runtime's round robin) may re-deal them from this list instead.
   */
  default List<Object> allRestoredSplitStates() {
    return List.of();
  }
}
