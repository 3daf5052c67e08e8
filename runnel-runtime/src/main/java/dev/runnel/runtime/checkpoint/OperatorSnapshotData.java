package dev.runnel.runtime.checkpoint;

import dev.runnel.runtime.state.KeyGroupRange;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One operator subtask's keyed streams and operator state as bytes (see {@link
 * OperatorSnapshotWriter}): what is written to its state file, and read back on restore.
 *
 * <p>File format (all integers big-endian): {@code int keyGroupStart, int keyGroupEnd} (-1, -1 if
 * not keyed); {@code int streams}, then per stream {@code UTF name}, then per key group of the range
 * {@code int length} (-1 if absent) and that many bytes ({@code int count} and the serialized
 * elements); {@code int lists}, then per list {@code UTF name, int elements}, then per element
 * {@code int length} and its bytes.
 *
 * @param keyGroups the subtask's key groups, or null if the operator is not keyed
 * @param keyedStreams per stream name, per key group index of the range, the bytes or null
 * @param operatorState per list name, its serialized elements
 */
public record OperatorSnapshotData(
    KeyGroupRange keyGroups,
    Map<String, byte[][]> keyedStreams,
    Map<String, List<byte[]>> operatorState) {

  public boolean isEmpty() {
    return keyedStreams.isEmpty() && operatorState.isEmpty();
  }

  public void writeTo(DataOutputStream out) throws IOException {
    out.writeInt(keyGroups == null ? -1 : keyGroups.start());
    out.writeInt(keyGroups == null ? -1 : keyGroups.end());
    out.writeInt(keyedStreams.size());
    for (Map.Entry<String, byte[][]> e : keyedStreams.entrySet()) {
      out.writeUTF(e.getKey());
      for (byte[] group : e.getValue()) {
        if (group == null) {
          out.writeInt(-1);
        } else {
          out.writeInt(group.length);
          out.write(group);
        }
      }
    }
    out.writeInt(operatorState.size());
    for (Map.Entry<String, List<byte[]>> e : operatorState.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue().size());
      for (byte[] element : e.getValue()) {
        out.writeInt(element.length);
        out.write(element);
      }
    }
  }

  public static OperatorSnapshotData readFrom(DataInputStream in) throws IOException {
    int start = in.readInt();
    int end = in.readInt();
    KeyGroupRange range = start < 0 ? null : new KeyGroupRange(start, end);
    Map<String, byte[][]> keyed = new LinkedHashMap<>();
    int streams = in.readInt();
    for (int s = 0; s < streams; s++) {
      String name = in.readUTF();
      byte[][] groups = new byte[range == null ? 0 : range.size()][];
      for (int g = 0; g < groups.length; g++) {
        int length = in.readInt();
        if (length >= 0) {
          groups[g] = in.readNBytes(length);
          if (groups[g].length != length) {
            throw new IOException("state file ends inside keyed stream '" + name + "'");
          }
        }
      }
      keyed.put(name, groups);
    }
    Map<String, List<byte[]>> lists = new LinkedHashMap<>();
    int count = in.readInt();
    for (int l = 0; l < count; l++) {
      String name = in.readUTF();
      int elements = in.readInt();
      List<byte[]> list = new ArrayList<>(elements);
      for (int i = 0; i < elements; i++) {
        int length = in.readInt();
        byte[] element = in.readNBytes(length);
        if (element.length != length) {
          throw new IOException("state file ends inside operator state '" + name + "'");
        }
        list.add(element);
      }
      lists.put(name, list);
    }
    return new OperatorSnapshotData(range, keyed, lists);
  }
}
