package dev.runnel.api.connector;

import dev.runnel.api.RunnelException;
import dev.runnel.api.annotation.Public;

/**
 * The runtime refused a record a source emitted, because the record itself is bad (its event time
 * breaks the job's {@link dev.runnel.api.eventtime.TimestampBounds}, for instance). Thrown from
 * {@link ReaderOutput#collect}: a reader that has a dead-letter output catches it and sends the
 * record there with {@link #getMessage()} as the reason, exactly as it does with a record it could
 * not decode; a reader that does not lets it fail the job. The record was not emitted.
 *
 * <p>The message says what is wrong in plain words and does not name the source or position,
 * which the reader adds.
 */
@Public
public class RejectedRecordException extends RunnelException {
  private static final long serialVersionUID = 1L;

  public RejectedRecordException(String reason) {
    super(reason);
  }
}
