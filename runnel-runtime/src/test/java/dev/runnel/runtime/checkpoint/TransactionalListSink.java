package dev.runnel.runtime.checkpoint;

import dev.runnel.api.connector.Committer;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test sink with two-phase commit: writers buffer records; a pre-commit hands the buffer over as
 * one prepared transaction, kept by the "external system" (a static map), and returns only its
 * unique id, as a database would; the committer publishes each transaction once, however often it
 * is committed. {@link #committed()} is what a reader of the sink would see.
 *
 * <p>The committable is the id alone, because a sink keeps its committables in every checkpoint
 * until one completes: carrying the records would make each snapshot as large as all the output
 * since the last completed checkpoint, and a job whose checkpoints all fail slower and slower.
 */
final class TransactionalListSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Map<String, List<Object>>> PUBLISHED = new ConcurrentHashMap<>();
  private static final Map<String, List<Object>> PREPARED = new ConcurrentHashMap<>();

  record Transaction(String id) implements Serializable {}

  private final String name;
  /** When set, the first pre-commit after it holds records loses them and throws, once. */
  private final AtomicBoolean failOnePrepare;

  TransactionalListSink() {
    this(UUID.randomUUID().toString());
  }

  /** A sink whose first non-empty pre-commit loses its transaction and throws (once per flag). */
  TransactionalListSink(AtomicBoolean failOnePrepare) {
    this.name = UUID.randomUUID().toString();
    this.failOnePrepare = failOnePrepare;
    PUBLISHED.putIfAbsent(name, new ConcurrentHashMap<>());
  }

  /** A sink that publishes where every other sink of this name does: the same external system. */
  TransactionalListSink(String name) {
    this.name = name;
    this.failOnePrepare = null;
    PUBLISHED.putIfAbsent(name, new ConcurrentHashMap<>());
  }

  /** Every record of every committed transaction. */
  @SuppressWarnings("unchecked")
  List<T> committed() {
    List<T> all = new ArrayList<>();
    PUBLISHED.get(name).values().forEach(l -> l.forEach(o -> all.add((T) o)));
    return all;
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return new SinkWriter<>() {
      private ArrayList<Object> buffer = new ArrayList<>();

      @Override
      public void write(T record) {
        buffer.add(record);
      }

      @Override
      public List<?> prepareCommit(long checkpointId) {
        if (buffer.isEmpty()) {
          return List.of();
        }
        if (failOnePrepare != null && failOnePrepare.compareAndSet(false, true)) {
          buffer = new ArrayList<>(); // the transaction is gone, as a rolled-back one would be
          throw new IllegalStateException("injected pre-commit failure");
        }
        Transaction t = new Transaction(UUID.randomUUID().toString());
        PREPARED.put(t.id(), buffer);
        buffer = new ArrayList<>();
        return List.of(t);
      }

      @Override
      public void finish() {
        // Without checkpointing, everything becomes visible at the end.
        PUBLISHED.get(name).put(UUID.randomUUID().toString(), buffer);
      }
    };
  }

  @Override
  public Committer<?> createCommitter() {
    return (Committer<Transaction>) transactions -> {
      for (Transaction t : transactions) {
        List<Object> records = PREPARED.get(t.id());
        if (records == null) {
          throw new IllegalStateException("transaction " + t.id() + " was never prepared");
        }
        PUBLISHED.get(name).putIfAbsent(t.id(), records);
      }
    };
  }
}
