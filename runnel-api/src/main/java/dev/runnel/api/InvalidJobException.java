package dev.runnel.api;

import dev.runnel.api.annotation.Public;

/**
 * The job cannot be built as written (a forward edge between different parallelisms, a function
 * that cannot be copied to its subtasks). Thrown by {@code execute()} before anything runs.
 */
@Public
public class InvalidJobException extends RunnelException {
  private static final long serialVersionUID = 1L;

  public InvalidJobException(String message) {
    super(message);
  }

  public InvalidJobException(String message, Throwable cause) {
    super(message, cause);
  }
}
