package dev.runnel.runtime.serialization;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A value could not be turned into bytes or back (not serializable, or corrupt bytes). */
public final class StateSerializationException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  public StateSerializationException(IOException cause) {
    super(cause.getMessage(), cause);
  }
}
