package dev.runnel.runtime.operators.window;

import dev.runnel.runtime.checkpoint.OperatorSnapshotWriter;
import dev.runnel.runtime.checkpoint.OperatorStateReader;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keys to visit at given times: the timers of aligned windows, where every key's window ends at
 * the same instants. Adding is an append to the list of its time, with no per-key timer object,
 * hashing or heap. A key added twice at one time is visited twice: {@link SlicingWindowOperator}
 * adds a key once per time, {@link SessionWindowOperator} skips entries that are no longer its
 * key's due time. Not thread-safe.
 *
 * <pre>{@code
 * KeysByTime due = new KeysByTime();
 * due.add(999, "a");
 * due.add(999, "b");
 * due.pollUpTo(1_000, (time, key) -> fire(key, time)); // a, b
 * }</pre>
 */
final class KeysByTime {
  /** Visits one due key. */
  @FunctionalInterface
  interface Visitor {
    void visit(long time, Object key) throws Exception;
  }

  private final TreeMap<Long, ArrayList<Object>> byTime = new TreeMap<>();
  private long lastTime = Long.MIN_VALUE;
  private ArrayList<Object> lastList;

  void add(long time, Object key) {
    if (time != lastTime || lastList == null) {
      lastList = byTime.computeIfAbsent(time, t -> new ArrayList<>());
      lastTime = time;
    }
    lastList.add(key);
  }

  /** Removes and visits, in time order, every key whose time is at or before {@code time}. */
  void pollUpTo(long time, Visitor visitor) throws Exception {
    Map.Entry<Long, ArrayList<Object>> first;
    while ((first = byTime.firstEntry()) != null && first.getKey() <= time) {
      byTime.pollFirstEntry();
      if (first.getValue() == lastList) {
        lastList = null;
      }
      long t = first.getKey();
      for (Object key : first.getValue()) {
        visitor.visit(t, key);
      }
    }
  }

  /** Visits every pending (time, key) entry, in time order, without removing it. */
  void forEach(Visitor visitor) throws Exception {
    for (Map.Entry<Long, ArrayList<Object>> e : byTime.entrySet()) {
      long t = e.getKey();
      for (Object key : e.getValue()) {
        visitor.visit(t, key);
      }
    }
  }

  /**
   * Writes every pending entry to keyed stream {@code stream} under its key, so that a restore at
   * another parallelism gives each subtask the entries of its key groups.
   */
  void snapshot(OperatorSnapshotWriter writer, String stream) throws Exception {
    // SlicingWindowOperator.DueEntry: the entry class checkpoints already hold
    forEach((time, key) ->
        writer.writeKeyed(stream, key, new SlicingWindowOperator.DueEntry(time, key)));
  }

  /** Adds back the entries of keyed stream {@code stream} that belong to this subtask's keys. */
  void restore(OperatorStateReader reader, String stream) {
    for (Object o : reader.keyed(stream)) {
      SlicingWindowOperator.DueEntry e = (SlicingWindowOperator.DueEntry) o;
      add(e.time(), e.key());
    }
  }

  /** Number of pending (time, key) entries. */
  int size() {
    int n = 0;
    for (ArrayList<Object> keys : byTime.values()) {
      n += keys.size();
    }
    return n;
  }
}
