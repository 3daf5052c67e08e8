package dev.runnel.connector.file;

import dev.runnel.api.annotation.Public;

/**
 * What a {@link FileSource} does with a line it cannot decode (not valid UTF-8, not JSON, not an
 * object, or not convertible to the record type).
 *
 * <pre>{@code
 * FileSource.jsonLines(path, Order.class).onBadRecord(BadRecordPolicy.DEAD_LETTER).build();
 * }</pre>
 */
@Public
public enum BadRecordPolicy {
  /** Fails the job with a {@link RecordDecodingException} naming the file and line. */
  FAIL,
  /**
   * Emits a {@link dev.runnel.api.connector.DeadLetter} to the side output {@link
   * FileSource#DEAD_LETTERS} and goes on with the next line, so one bad line does not stop a job.
   */
  DEAD_LETTER
}
