package dev.runnel.test;

import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The input of a {@link JobTester} run: the given records in order, from a single subtask (so
 * the order the test wrote is the order the job sees), each stamped with its event timestamp when
 * the tester was given a way to compute one.
 *
 * <p>Unlike {@code CollectionSource} it accepts null elements and timestamps; the source object is
 * shared, not copied per subtask, so the timestamp function need not be serializable.
 */
final class TestInputSource<T> implements Source<T> {
  /** Records per {@code pollNext}: a bounded batch, as the cooperative contract asks. */
  private static final int BATCH = 256;

  private final List<T> records;
  private final ToLongFunction<? super T> timestampOf;

  /** @param timestampOf the event timestamp of a record, or null for records without one */
  TestInputSource(List<? extends T> records, ToLongFunction<? super T> timestampOf) {
    // Copied so that a test changing its list after run(...) cannot race the job's thread.
    this.records = Collections.unmodifiableList(new ArrayList<>(records));
    this.timestampOf = timestampOf;
  }

  @Override
  public Boundedness boundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public int maxParallelism() {
    return 1;
  }

  @Override
  public SourceReader<T> createReader(SourceReaderContext context) {
    return new SourceReader<>() {
      private int next;

      @Override
      public InputStatus pollNext(ReaderOutput<T> output) {
        int end = Math.min(records.size(), next + BATCH);
        for (; next < end; next++) {
          T record = records.get(next);
          if (timestampOf == null) {
            output.collect(record);
          } else {
            output.collect(record, timestampOf.applyAsLong(record));
          }
        }
        return next < records.size() ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
      }

      @Override
      public void close() {
        // Holds nothing to release; declared so that it throws nothing.
      }
    };
  }
}
