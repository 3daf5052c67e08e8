package dev.runnel.runtime.checkpoint;

import dev.runnel.runtime.serialization.ObjectSerializer;
import dev.runnel.runtime.serialization.StateSerializationException;
import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.state.KeyGroups;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator hands over in the synchronous phase of a checkpoint, besides what its keyed
 * state backend holds:
 *
 * <ul>
 *   <li><b>keyed streams</b>: objects that belong to a key (timers, operator-side indexes of keys
 *       by time), written per key group so that a restore at another parallelism gives each
 *       subtask exactly the key groups it now owns;
 *   <li><b>operator state</b>: named lists of objects that belong to the subtask, not to a key
 *       (source positions, sink committables). On restore at the same parallelism a subtask gets
 *       its own lists back; at another parallelism the elements of all old subtasks are dealt
 *       round robin.
 * </ul>
 *
 * Objects are serialized at once (by {@link ObjectSerializer}), so the operator may change them
 * right after. Subtask thread only.
 */
public final class OperatorSnapshotWriter {
  private final long checkpointId;
  private final KeyGroupRange keyGroups;
  private final int maxParallelism;
  private final Map<String, Buffer[]> keyed = new LinkedHashMap<>();
  private final Map<String, List<byte[]>> operatorState = new LinkedHashMap<>();

  /** @param keyGroups the subtask's key groups; null for an operator that is not keyed */
  public OperatorSnapshotWriter(long checkpointId, KeyGroupRange keyGroups, int maxParallelism) {
    this.checkpointId = checkpointId;
    this.keyGroups = keyGroups;
    this.maxParallelism = maxParallelism;
  }

  public long checkpointId() {
    return checkpointId;
  }

  /** Appends {@code element}, which belongs to {@code key}, to the keyed stream {@code stream}. */
  public void writeKeyed(String stream, Object key, Object element) {
    if (keyGroups == null) {
      throw new IllegalStateException("keyed stream '" + stream + "' written by an unkeyed operator");
    }
    int keyGroup = KeyGroups.keyGroupOfHash(key.hashCode(), maxParallelism);
    if (!keyGroups.contains(keyGroup)) {
      throw new IllegalStateException(
          "key " + key + " of stream '" + stream + "' is not in this subtask's " + keyGroups);
    }
    Buffer[] perGroup = keyed.computeIfAbsent(stream, s -> new Buffer[keyGroups.size()]);
    int index = keyGroup - keyGroups.start();
    if (perGroup[index] == null) {
      perGroup[index] = new Buffer();
    }
    perGroup[index].add(element);
  }

  /** Appends {@code element} to the operator-state list {@code name}. */
  public void addOperatorState(String name, Object element) {
    operatorState.computeIfAbsent(name, n -> new ArrayList<>())
        .add(ObjectSerializer.toBytes(element));
  }

  /** Declares the list {@code name}, possibly empty, so that a restore sees it. */
  public void declareOperatorState(String name) {
    operatorState.computeIfAbsent(name, n -> new ArrayList<>());
  }

  /** Everything written, as bytes. */
  public OperatorSnapshotData toData() {
    Map<String, byte[][]> keyedBytes = new LinkedHashMap<>();
    keyed.forEach((stream, perGroup) -> {
      byte[][] bytes = new byte[perGroup.length][];
      for (int i = 0; i < perGroup.length; i++) {
        bytes[i] = perGroup[i] == null ? null : perGroup[i].toBytes();
      }
      keyedBytes.put(stream, bytes);
    });
    return new OperatorSnapshotData(keyGroups, keyedBytes, operatorState);
  }

  /** The serialized elements of one key group of one stream, with their count in front. */
  private static final class Buffer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private int count;

    void add(Object element) {
      try {
        ObjectSerializer.write(out, element);
      } catch (IOException e) {
        throw new StateSerializationException(e);
      }
      count++;
    }

    byte[] toBytes() {
      byte[] body = bytes.toByteArray();
      byte[] all = new byte[4 + body.length];
      all[0] = (byte) (count >>> 24);
      all[1] = (byte) (count >>> 16);
      all[2] = (byte) (count >>> 8);
      all[3] = (byte) count;
      System.arraycopy(body, 0, all, 4, body.length);
      return all;
    }
  }
}
