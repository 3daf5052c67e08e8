package dev.runnel.runtime.checkpoint;

import dev.runnel.runtime.serialization.ObjectSerializer;
import dev.runnel.runtime.serialization.StateSerializationException;
import dev.runnel.runtime.state.KeyGroupRange;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator gets back on restore (see {@link OperatorSnapshotWriter}): the keyed streams'
 * elements of the key groups this subtask now owns, and its share of each operator-state list.
 * Built from the snapshots of every subtask of the run that took the checkpoint.
 */
public final class OperatorStateReader {
  private final List<OperatorSnapshotData> old;
  private final int subtask;
  private final int parallelism;
  private final KeyGroupRange keyGroups;

  /**
   * @param old the snapshots of every old subtask of this operator, by old subtask index
   * @param keyGroups this subtask's key groups now, or null if the operator is not keyed
   */
  public OperatorStateReader(List<OperatorSnapshotData> old, int subtask, int parallelism,
      KeyGroupRange keyGroups) {
    this.old = List.copyOf(old);
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.keyGroups = keyGroups;
  }

  /** A reader with nothing in it: what an operator sees when its uid was not in the checkpoint. */
  public static OperatorStateReader empty() {
    return new OperatorStateReader(List.of(), 0, 1, null);
  }

  /** Every element of keyed stream {@code stream} in this subtask's key groups, in no fixed order. */
  public List<Object> keyed(String stream) {
    List<Object> out = new ArrayList<>();
    if (keyGroups == null) {
      return out;
    }
    for (OperatorSnapshotData data : old) {
      byte[][] groups = data.keyedStreams().get(stream);
      if (groups == null || data.keyGroups() == null) {
        continue;
      }
      for (int g = 0; g < groups.length; g++) {
        int keyGroup = data.keyGroups().start() + g;
        if (groups[g] != null && keyGroups.contains(keyGroup)) {
          readGroup(groups[g], out);
        }
      }
    }
    return out;
  }

  /**
   * This subtask's share of operator-state list {@code name}: its own list if the parallelism is
   * unchanged, otherwise every old element whose position in the concatenation of the old lists,
   * modulo the new parallelism, is this subtask's index.
   */
  public List<Object> operatorState(String name) {
    List<Object> out = new ArrayList<>();
    if (old.size() == parallelism) {
      List<byte[]> own = old.get(subtask).operatorState().get(name);
      if (own != null) {
        own.forEach(b -> out.add(ObjectSerializer.fromBytes(b)));
      }
      return out;
    }
    int position = 0;
    for (OperatorSnapshotData data : old) {
      List<byte[]> list = data.operatorState().get(name);
      if (list == null) {
        continue;
      }
      for (byte[] element : list) {
        if (position++ % parallelism == subtask) {
          out.add(ObjectSerializer.fromBytes(element));
        }
      }
    }
    return out;
  }

  /** Every element of operator-state list {@code name} of every old subtask, by old subtask. */
  public List<Object> unionOperatorState(String name) {
    List<Object> out = new ArrayList<>();
    for (OperatorSnapshotData data : old) {
      List<byte[]> list = data.operatorState().get(name);
      if (list != null) {
        list.forEach(b -> out.add(ObjectSerializer.fromBytes(b)));
      }
    }
    return out;
  }

  /** Whether the operator runs at the parallelism the checkpoint was taken at. */
  public boolean sameParallelism() {
    return old.size() == parallelism;
  }

  /** The parallelism the checkpoint was taken at. */
  public int oldParallelism() {
    return old.size();
  }

  /** Whether the checkpoint had any state of this operator at all. */
  public boolean isRestored() {
    return !old.isEmpty();
  }

  private static void readGroup(byte[] bytes, List<Object> out) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        out.add(ObjectSerializer.read(in));
      }
    } catch (IOException e) {
      throw new StateSerializationException(e);
    }
  }
}
