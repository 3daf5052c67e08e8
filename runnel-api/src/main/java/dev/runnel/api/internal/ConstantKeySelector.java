package dev.runnel.api.internal;

import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.KeySelector;

/**
 * Gives every element the same key, so that a {@code windowAll} step can run as a keyed window
 * step: all elements meet in the one subtask that owns the key's key group.
 */
@Internal
public final class ConstantKeySelector<T> implements KeySelector<T, Byte> {
  private static final long serialVersionUID = 1L;
  private static final Byte KEY = 0;

  @Override
  public Byte getKey(T value) {
    return KEY;
  }
}
