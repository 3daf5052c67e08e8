package dev.runnel.runtime.checkpoint;

import java.io.IOException;

/** A checkpoint folder that cannot be restored: metadata missing or unreadable, a file damaged. */
public final class CorruptCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptCheckpointException(String message) {
    super(message);
  }

  public CorruptCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
