package dev.runnel.connector.file;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Public;

/**
 * A line of an input file could not be decoded into a record, and the source's policy is {@link
 * BadRecordPolicy#FAIL}. The message is {@code <file>:<line>: <reason>}, so editors and terminals
 * can jump to the line; the decoder's own exception, if any, is the cause.
 *
 * <pre>{@code
 * /data/orders.jsonl:17: field 'user_id' is missing
 * /data/orders.jsonl:18: not valid JSON: unexpected character 'x' at column 12
 * <stdin>:19: invalid UTF-8 at byte 7 of the line
 * }</pre>
 */
@Public
public class RecordDecodingException extends RunnelException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long lineNumber;
  private final String reason;

  /**
   * @param source the file the line was read from
   * @param lineNumber its 1-based line number in that file
   * @param reason why it could not be decoded, in plain words: the field and the problem, without
   *     a library's wording or class names
   * @param cause the decoder's exception, or null
   */
  public RecordDecodingException(String source, long lineNumber, String reason, Throwable cause) {
    super(source + ":" + lineNumber + ": " + reason, cause);
    this.source = source;
    this.lineNumber = lineNumber;
    this.reason = reason;
  }

  /** The file the bad line was read from. */
  public String source() {
    return source;
  }

  /** The bad line's 1-based number within {@link #source()}. */
  public long lineNumber() {
    return lineNumber;
  }

  /** Why the line could not be decoded. */
  public String reason() {
    return reason;
  }
}
