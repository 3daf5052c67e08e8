package dev.runnel.cep;

import dev.runnel.api.annotation.Public;

/** A pattern that cannot be matched as written; thrown while the job is built. */
@Public
public final class MalformedPatternException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedPatternException(String message) {
    super(message);
  }
}
