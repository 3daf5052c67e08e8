package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A bounded source over the elements of a collection, emitted in iteration order by a single
 * subtask. The collection is copied when the source is built, so later changes to it are not seen.
 *
 * <p><b>Checkpoints.</b> The collection is one split; its state is a {@link Position}: the index
 * of the next element to emit ({@code size()} once all were). A reader restored from it emits the
 * elements from that index on. A job restored from a checkpoint must be built with the same
 * collection.
 *
 * @param <T> element type
 */
@Public
public final class CollectionSource<T> implements Source<T> {
  private static final int BATCH = 1024;

  private final List<T> elements;

  public CollectionSource(Collection<? extends T> elements) {
    this.elements = List.copyOf(new ArrayList<>(elements));
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
    return new Reader(List.of(new Position(0)));
  }

  @Override
  public boolean supportsCheckpoints() {
    return true;
  }

  /**
   * A reader that resumes from {@code splitStates}: a single {@link Position}, or none (then it
   * emits nothing).
   */
  @Override
  public SourceReader<T> restoreReader(SourceReaderContext context, List<Object> splitStates) {
    List<Position> positions = new ArrayList<>(splitStates.size());
    for (Object state : splitStates) {
      if (!(state instanceof Position position)) {
        throw new IllegalArgumentException(
            "not a split state of a CollectionSource: " + describe(state));
      }
      if (position.next() < 0 || position.next() > elements.size()) {
        throw new IllegalArgumentException("split state " + position
            + " is outside the collection of " + elements.size()
            + " elements; was the job restored with another collection?");
      }
      positions.add(position);
    }
    if (positions.size() > 1) {
      throw new IllegalArgumentException(
          "a CollectionSource has one split, but " + positions.size() + " were restored");
    }
    return new Reader(positions);
  }

  /**
   * The state of the collection's single split: the index of the next element to emit; equal to
   * the collection's size once every element was emitted (the split is finished).
   *
   * @param next index of the next element to emit
   */
  public record Position(int next) implements Serializable {}

  private final class Reader implements SourceReader<T> {
    /** False for a reader restored without a split: it emits nothing. */
    private final boolean ownsSplit;
    private int next;

    Reader(List<Position> positions) {
      this.ownsSplit = !positions.isEmpty();
      this.next = ownsSplit ? positions.get(0).next() : elements.size();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
      int end = Math.min(elements.size(), next + BATCH);
      for (; next < end; next++) {
        output.collect(elements.get(next));
      }
      return next < elements.size() ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
    }

    @Override
    public List<Position> snapshotState(long checkpointId) {
      return ownsSplit ? List.of(new Position(next)) : List.of();
    }
  }

  private static String describe(Object state) {
    return state == null ? "null" : state.getClass().getName() + " " + state;
  }
}
