package dev.runnel.api;

import dev.runnel.api.annotation.Public;

/** The root of Runnel's exceptions. Each subclass says where the problem happened. */
@Public
public class RunnelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunnelException(String message) {
    super(message);
  }

  public RunnelException(String message, Throwable cause) {
    super(message, cause);
  }
}
