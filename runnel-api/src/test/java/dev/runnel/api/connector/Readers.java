package dev.runnel.api.connector;

import dev.runnel.api.OutputTag;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives source readers the way the runtime does around checkpoints: poll, snapshot, and deal the
 * split states of all old readers round robin to the readers of a restored run.
 */
final class Readers {
  /** Far more polls than any test needs; stops a reader that never ends. */
  private static final int MAX_POLLS = 100_000;

  private Readers() {}

  record Context(int subtaskIndex, int parallelism) implements SourceReaderContext {
    @Override
    public String jobName() {
      return "test-job";
    }
  }

  /** Keeps the main records a reader emits, in order. */
  static final class ListOutput<T> implements ReaderOutput<T> {
    final List<T> records = new ArrayList<>();

    @Override
    public void collect(T record) {
      records.add(record);
    }

    @Override
    public void collect(T record, long timestamp) {
      records.add(record);
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      throw new AssertionError("unexpected side output " + tag);
    }
  }

  /** Calls pollNext {@code polls} times, or until the end of input; returns the last status. */
  static <T> InputStatus poll(SourceReader<T> reader, ListOutput<T> out, int polls)
      throws Exception {
    InputStatus status = InputStatus.MORE_AVAILABLE;
    for (int i = 0; i < polls && status != InputStatus.END_OF_INPUT; i++) {
      status = reader.pollNext(out);
    }
    return status;
  }

  /** Polls until the end of input. */
  static <T> void drain(SourceReader<T> reader, ListOutput<T> out) throws Exception {
    for (int polls = 0; polls < MAX_POLLS; polls++) {
      if (reader.pollNext(out) == InputStatus.END_OF_INPUT) {
        return;
      }
    }
    throw new AssertionError("reader did not reach END_OF_INPUT after " + MAX_POLLS + " polls");
  }

  /**
   * The split states of the readers of a restored run at {@code parallelism}: all old readers'
   * states in subtask order, dealt round robin, as the runtime does on a rescale.
   */
  static List<List<Object>> redistribute(List<List<?>> oldStates, int parallelism) {
    List<List<Object>> shares = new ArrayList<>();
    for (int s = 0; s < parallelism; s++) {
      shares.add(new ArrayList<>());
    }
    int i = 0;
    for (List<?> states : oldStates) {
      for (Object state : states) {
        shares.get(i++ % parallelism).add(state);
      }
    }
    return shares;
  }
}
