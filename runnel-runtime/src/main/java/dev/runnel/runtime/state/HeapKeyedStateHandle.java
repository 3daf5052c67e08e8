package dev.runnel.runtime.state;

import dev.runnel.runtime.checkpoint.StateFile;
import java.util.List;

/**
 * The heap backend's keyed state in a checkpoint: one file, a section per key group.
 *
 * @param file the file, relative to the checkpoint folder
 * @param offsets where each key group's section starts in the file, by index in the range, plus
 *     the file's length at the end
 */
public record HeapKeyedStateHandle(
    KeyGroupRange keyGroupRange, StateFile file, long[] offsets) implements KeyedStateHandle {
  @Override
  public List<StateFile> files() {
    return List.of(file);
  }
}
