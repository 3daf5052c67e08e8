package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;

/**
 * Where a {@link SourceReader} emits records: the reader's whole {@link ReaderOutput}, or the
 * output of one split ({@link ReaderOutput#createOutputForSplit}), whose records get event time
 * and watermarks of their own split.
 *
 * @param <T> record type
 */
@Public
public interface SourceOutput<T> {
  /**
   * Emits a record. Records without a timestamp get one later from a watermark strategy, if the
   * job assigns them.
   *
   * @throws RejectedRecordException if the runtime refuses the record as bad (its event time
   *     breaks the job's timestamp bounds); it was not emitted, and a reader with a dead-letter
   *     output sends it there with the exception's message as the reason
   */
  void collect(T record);

  /**
   * Emits a record with its event timestamp in epoch milliseconds.
   *
   * @throws RejectedRecordException as {@link #collect(Object)}
   */
  void collect(T record, long timestamp);
}
