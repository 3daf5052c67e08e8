package dev.runnel.connector.file;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Public;

/**
 * A line of an input file could not be decoded into a record, and the source's policy is {@link
 * BadRecordPolicy#FAIL}. The message is {@code <file>:<line>: <reason>}, so editors and terminals
 * can jump to the line; the decoder's own exception, if any, is the cause.
 *
 * <pre>{@code
 * /data/orders.jsonl:17: cannot decode JSON line as Order: Unexpected character ('x' ...)
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
   * @param reason why it could not be decoded, short and without a stack of locations
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
