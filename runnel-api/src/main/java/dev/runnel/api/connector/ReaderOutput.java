package dev.runnel.api.connector;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Public;

/**
 * Where a {@link SourceReader} emits: records, side outputs (dead letters) and, for a reader of
 * several splits (partitions, files) whose event time advances independently, one output per
 * split.
 *
 * <p><b>Per-split event time.</b> Records emitted through {@link #createOutputForSplit} get their
 * timestamps from the job's watermark strategy as usual, but the runtime runs one watermark
 * generator per split, with its own idleness ({@link
 * dev.runnel.api.eventtime.WatermarkStrategy#withIdleness}), and the subtask's watermark is the
 * minimum over the splits that are not idle. So a partition that lags behind holds event time
 * back instead of having its records turn late, and an empty one stops holding it back once it
 * has been idle for the timeout. A split that has had no record yet holds event time back (it
 * may hold the oldest data) until it is idle or released. A reader that uses split outputs should
 * emit every record through one; records collected on this output directly are tracked as one
 * more split, from the first of them on.
 *
 * @param <T> record type
 */
@Public
public interface ReaderOutput<T> extends SourceOutput<T> {
  /**
   * The output of split {@code splitId}, created on the first call and the same object on later
   * ones until it is released. Call from the reader's thread, within {@link SourceReader#pollNext}.
   * An output that does not track splits (a test harness) may return itself.
   */
  default SourceOutput<T> createOutputForSplit(String splitId) {
    return this;
  }

  /**
   * Split {@code splitId} has no more records (a bounded partition read to its end, a split
   * taken away): its watermark no longer holds the subtask's event time back. Records of it
   * emitted before stay where they are. Nothing happens for an unknown split.
   */
  default void releaseOutputForSplit(String splitId) {}

  /**
   * Emits to a side output of the source, read with {@code DataStream.getSideOutput(tag)}; used
   * for {@link DeadLetter}s of records that could not be decoded.
   */
  <X> void output(OutputTag<X> tag, X value);
}
