package dev.runnel.connector.file;

/**
 * Turns one line of an input file into a record. Shared by all readers of a source, so it must be
 * thread-safe.
 *
 * @param <T> record type
 */
interface LineDecoder<T> {
  /** Decodes {@code line}, which has no line terminator. */
  T decode(String line) throws UndecodableLineException;

  /**
   * True if lines of only whitespace carry no record and are passed over; they still count for
   * line numbers.
   */
  boolean skipsBlankLines();
}
