package dev.runnel.examples;

/**
 * The arguments of a packaged job are wrong: an option it does not have, or a value it cannot use.
 * The message is one line meant for the person who typed the command, naming the option and the
 * bad value.
 */
public class JobArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public JobArgumentException(String message) {
    super(message);
  }

  public JobArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
