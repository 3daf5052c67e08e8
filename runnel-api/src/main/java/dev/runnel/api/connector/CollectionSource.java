package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A bounded source over the elements of a collection, emitted in iteration order by a single
 * subtask. The collection is copied when the source is built, so later changes to it are not seen.
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
    return new SourceReader<>() {
      private int next;

      @Override
      public InputStatus pollNext(ReaderOutput<T> output) {
        int end = Math.min(elements.size(), next + BATCH);
        for (; next < end; next++) {
          output.collect(elements.get(next));
        }
        return next < elements.size() ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
      }
    };
  }
}
