package dev.runnel.runtime.state;

import java.nio.file.Path;

/** The asynchronous phase of a keyed-state checkpoint: what the synchronous phase captured. */
@FunctionalInterface
public interface KeyedStateSnapshot {
  /**
   * Writes the captured state into the checkpoint folder {@code checkpointDirectory}, into files
   * whose names start with {@code fileStem} (unique per operator subtask within the checkpoint),
   * and returns the handle that the checkpoint's metadata records. Runs on a checkpoint I/O thread.
   */
  KeyedStateHandle write(Path checkpointDirectory, String fileStem) throws Exception;
}
