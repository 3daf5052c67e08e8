package dev.runnel.api.connector;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;

/**
 * Where a {@link SourceReader} emits. Records without a timestamp get one later from a watermark
 * strategy, if the job assigns them.
 *
 * @param <T> record type
 */
@Public
public interface ReaderOutput<T> {
  /**
   * Emits a record.
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

  /**
   * Emits to a side output of the source, read with {@code DataStream.getSideOutput(tag)}; used
   * for {@link DeadLetter}s of records that could not be decoded.
   */
  <X> void output(OutputTag<X> tag, X value);
}
