package dev.runnel.connector.file;

import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import java.util.ArrayList;
import java.util.List;

/** Runs one reader of a source the way the runtime does: open, poll until the end, close. */
final class SourceDriver {
  /** Far more polls than any test input needs; stops a reader that never ends. */
  private static final int MAX_POLLS = 100_000;

  private SourceDriver() {}

  record Context(int subtaskIndex, int parallelism) implements SourceReaderContext {
    @Override
    public String jobName() {
      return "test-job";
    }
  }

  static <T> RecordingOutput<T> readAll(Source<T> source) throws Exception {
    return readAll(source, 0, 1);
  }

  static <T> RecordingOutput<T> readAll(Source<T> source, int subtask, int parallelism)
      throws Exception {
    RecordingOutput<T> output = new RecordingOutput<>();
    SourceReader<T> reader = source.createReader(new Context(subtask, parallelism));
    try {
      reader.open();
      drain(reader, output);
    } finally {
      reader.close();
    }
    return output;
  }

  static <T> void drain(SourceReader<T> reader, RecordingOutput<T> output) throws Exception {
    for (int polls = 0; polls < MAX_POLLS; polls++) {
      if (reader.pollNext(output) == InputStatus.END_OF_INPUT) {
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
