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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test source that says it is unbounded and reads the strings {@code "u<n>"} for n from 0 up to
 * {@code end}, one split per residue class mod {@code splits}, but only the numbers below its gate:
 * {@link #open(String, long)} lets it on, so a test decides how far it gets without sleeping.
 * Short of the gate it has nothing available, like a topic with no new messages; at {@code end} it
 * ends, so that a run has a known output.
 */
final class GatedSequenceSource implements Source<String> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, AtomicLong> GATES = new ConcurrentHashMap<>();

  record Split(int split, long next) implements Serializable {}

  private final String gate;
  private final long end;
  private final int splits;

  GatedSequenceSource(String gate, long end, int splits) {
    this.gate = gate;
    this.end = end;
    this.splits = splits;
    GATES.putIfAbsent(gate, new AtomicLong());
  }

  /** Lets every reader of {@code gate} read the numbers below {@code below}. */
  static void open(String gate, long below) {
    GATES.computeIfAbsent(gate, g -> new AtomicLong()).set(below);
  }

  @Override
  public Boundedness boundedness() {
    return Boundedness.UNBOUNDED;
  }

  @Override
  public boolean supportsCheckpoints() {
    return true;
  }

  @Override
  public SourceReader<String> createReader(SourceReaderContext context) {
    List<Object> mine = new ArrayList<>();
    for (int s = context.subtaskIndex(); s < splits; s += context.parallelism()) {
      mine.add(new Split(s, s));
    }
    return restoreReader(context, mine);
  }

  @Override
  public SourceReader<String> restoreReader(SourceReaderContext context, List<Object> states) {
    List<Split> own = new ArrayList<>();
    states.forEach(s -> own.add((Split) s));
    AtomicLong open = GATES.get(gate);
    return new SourceReader<>() {
      @Override
      public InputStatus pollNext(ReaderOutput<String> output) {
        boolean emitted = false;
        boolean allEnded = true;
        for (int i = 0; i < own.size(); i++) {
          Split s = own.get(i);
          if (s.next() < end) {
            allEnded = false;
            if (s.next() < open.get()) {
              output.collect("u" + s.next());
              own.set(i, new Split(s.split(), s.next() + splits));
              emitted = true;
            }
          }
        }
        if (allEnded) {
          return InputStatus.END_OF_INPUT;
        }
        return emitted ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
      }

      @Override
      public List<?> snapshotState(long checkpointId) {
        return new ArrayList<>(own);
      }
    };
  }
}
