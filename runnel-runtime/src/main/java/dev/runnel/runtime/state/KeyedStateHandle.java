package dev.runnel.runtime.state;

import dev.runnel.runtime.checkpoint.StateFile;
import java.util.List;

/**
 * What a checkpoint's metadata records about one subtask's keyed state: enough to find its files
 * again, relative to the checkpoint folder. Implementations are Jackson-serializable records, since
 * the metadata is JSON; each backend has its own.
 */
public interface KeyedStateHandle {
  /** The key groups whose state the handle holds. */
  KeyGroupRange keyGroupRange();

  /**
   * Every file of the checkpoint folder the handle needs, with its length and checksum, so that a
   * damaged checkpoint is found before it is restored.
   */
  List<StateFile> files();
}
