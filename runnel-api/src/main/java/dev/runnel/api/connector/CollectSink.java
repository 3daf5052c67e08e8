package dev.runnel.api.connector;

import dev.runnel.api.annotation.Public;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers every record in memory, for tests and {@code executeAndCollect()}. Records of one
 * subtask keep their order; records of different subtasks interleave as they arrive. Not for
 * unbounded jobs: it keeps everything.
 *
 * @param <T> record type
 */
@Public
public final class CollectSink<T> implements Sink<T> {
  private final List<T> records = new ArrayList<>();

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return record -> {
      synchronized (records) {
        records.add(record);
      }
    };
  }

  /** A copy of everything collected so far. */
  public List<T> records() {
    synchronized (records) {
      return new ArrayList<>(records);
    }
  }
}
