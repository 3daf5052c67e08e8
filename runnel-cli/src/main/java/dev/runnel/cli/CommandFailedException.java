package dev.runnel.cli;

/**
 * A command that was given a good command line but could not do its work (Kafka unreachable, a
 * topic missing, a port taken): {@link ErrorReporter} prints its message as the one line on
 * standard error and exits with {@link ErrorReporter#FAILED}. The message is written for the user
 * and names what failed (an address, a topic, a file and line).
 */
final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailedException(String message) {
    super(message);
  }

  CommandFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
