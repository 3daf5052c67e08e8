package dev.runnel.runtime.state;

import java.nio.file.Path;

/** A keyed-state handle to restore, with the checkpoint folder its relative paths start from. */
public record RestoredKeyedState(Path checkpointDirectory, KeyedStateHandle handle) {}
