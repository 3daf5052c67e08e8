package dev.runnel.runtime.checkpoint;

import dev.runnel.api.connector.Boundedness;
import dev.runnel.api.connector.InputStatus;
import dev.runnel.api.connector.ReaderOutput;
import dev.runnel.api.connector.Source;
import dev.runnel.api.connector.SourceReader;
import dev.runnel.api.connector.SourceReaderContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Test source: the numbers 0 … count-1, split into {@code splits} residue classes (n mod splits),
 * dealt to readers by index; each split's state is its next number. A few numbers per poll, so
 * that checkpoints fall between them.
 */
final class ReplayableSequenceSource implements Source<Long> {
  private static final long serialVersionUID = 1L;

  record Split(int split, long next) implements Serializable {}

  private final long count;
  private final int splits;
  private final int perPoll;

  ReplayableSequenceSource(long count, int splits, int perPoll) {
    this.count = count;
    this.splits = splits;
    this.perPoll = perPoll;
  }

  @Override
  public Boundedness boundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public boolean supportsCheckpoints() {
    return true;
  }

  @Override
  public SourceReader<Long> createReader(SourceReaderContext context) {
    List<Object> mine = new ArrayList<>();
    for (int s = context.subtaskIndex(); s < splits; s += context.parallelism()) {
      mine.add(new Split(s, s));
    }
    return restoreReader(context, mine);
  }

  @Override
  public SourceReader<Long> restoreReader(SourceReaderContext context, List<Object> states) {
    List<Split> own = new ArrayList<>();
    states.forEach(s -> own.add((Split) s));
    return new SourceReader<>() {
      private int turn;

      @Override
      public InputStatus pollNext(ReaderOutput<Long> output) {
        for (int n = 0; n < perPoll; n++) {
          if (own.stream().allMatch(s -> s.next() >= count)) {
            return InputStatus.END_OF_INPUT;
          }
          turn = (turn + 1) % own.size();
          Split s = own.get(turn);
          if (s.next() < count) {
            output.collect(s.next());
            own.set(turn, new Split(s.split(), s.next() + splits));
          }
        }
        return InputStatus.MORE_AVAILABLE;
      }

      @Override
      public List<?> snapshotState(long checkpointId) {
        return new ArrayList<>(own);
      }
    };
  }
}
