package dev.runnel.connector.file;

/**
 * Thrown by a {@link LineDecoder} for a line it rejects. Carries only the reason: the reader adds
 * the file and line number. Checked, so the reader cannot forget to apply the bad-record policy;
 * without a stack trace, because under {@link BadRecordPolicy#DEAD_LETTER} a file full of bad
 * lines would otherwise spend its time filling stack traces nobody reads.
 */
final class UndecodableLineException extends Exception {
  private static final long serialVersionUID = 1L;

  UndecodableLineException(String reason, Throwable cause) {
    super(reason, cause, false, false);
  }
}
