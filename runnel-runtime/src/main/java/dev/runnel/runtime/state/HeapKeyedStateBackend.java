package dev.runnel.runtime.state;

import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.State;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.runtime.serialization.StateSerializationException;
import java.util.ArrayList;
import dev.runnel.runtime.checkpoint.StateFile;
import dev.runnel.runtime.serialization.ObjectSerializer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Keyed state of one keyed operator subtask, kept in Java objects on the heap. Every state keeps a
 * {@link StateTable}: one {@link StateMap} per key group of the subtask's range, mapping (key,
 * namespace) to the value, so a key group can be snapshotted and moved on its own.
 *
 * <p>States are created on first request and found again by name. Asking for a name already
 * registered with another kind of state, another type, or another time-to-live is an error.
 *
 * <p><b>Time-to-live.</b> States whose descriptor has a {@link dev.runnel.api.state.StateTtlConfig}
 * take processing time from the backend's clock. Expired values are removed when read, and by
 * {@link #cleanupExpired(long)}, which visits every key: a key that is never seen again keeps its
 * expired values until such a pass, so an operator with TTL state should run it now and then (on
 * a processing-time timer, say) to bound the state's size.
 *
 * <p>Not thread-safe: used by the subtask's thread only.
 */
public final class HeapKeyedStateBackend implements KeyedStateBackend {
  private final KeyContext keys;
  private final LongSupplier clock;
  private final Map<String, Registered> states = new LinkedHashMap<>();
  /**
   * Restored sections of states not registered yet, by state name, per key group index: decoded
   * when the state is registered, and written as they are into snapshots taken before that, so
   * state a function asks for late is never lost.
   */
  private final Map<String, byte[][]> unregistered = new HashMap<>();
  private final List<TtlState> ttlStates = new ArrayList<>();

  private record Registered(StateDescriptor<?, ?> descriptor, InternalKvState<?> state) {}

  /** A backend whose time-to-live runs on {@link System#currentTimeMillis()}. */
  public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism) {
    this(range, maxParallelism, System::currentTimeMillis);
  }

  /** @param processingTimeClock processing time in epoch milliseconds, for time-to-live */
  public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism,
      LongSupplier processingTimeClock) {
    this.keys = new KeyContext(range, maxParallelism);
    this.clock = Objects.requireNonNull(processingTimeClock, "processing time clock");
  }

  /** Values live as objects: a state hands out the object it keeps. */
  @Override
  public boolean storesObjects() {
    return true;
  }

  @Override
  public KeyContext keys() {
    return keys;
  }

  public void setCurrentKey(Object key) {
    keys.setCurrentKey(key);
  }

  /**
   * The state named by {@code descriptor}, created on the first request, in the namespace it was
   * last set to ({@link VoidNamespace} unless an operator set another): what user functions get.
   */
  @SuppressWarnings("unchecked")
  public <S extends State> S getState(StateDescriptor<S, ?> descriptor) {
    return (S) register(descriptor);
  }

  /** The value state named by {@code descriptor}, with namespace control; for operators. */
  @SuppressWarnings("unchecked")
  public <N, T> InternalValueState<N, T> getPartitionedState(ValueStateDescriptor<T> descriptor) {
    return (InternalValueState<N, T>) register(descriptor);
  }

  /** The list state named by {@code descriptor}, with namespace control; for operators. */
  @SuppressWarnings("unchecked")
  public <N, T> InternalListState<N, T> getPartitionedState(ListStateDescriptor<T> descriptor) {
    return (InternalListState<N, T>) register(descriptor);
  }

  /** The map state named by {@code descriptor}, with namespace control; for operators. */
  @SuppressWarnings("unchecked")
  public <N, K, V> InternalMapState<N, K, V> getPartitionedState(
      MapStateDescriptor<K, V> descriptor) {
    return (InternalMapState<N, K, V>) register(descriptor);
  }

  /** The reducing state named by {@code descriptor}, with namespace control; for operators. */
  @SuppressWarnings("unchecked")
  public <N, T> InternalReducingState<N, T> getPartitionedState(
      ReducingStateDescriptor<T> descriptor) {
    return (InternalReducingState<N, T>) register(descriptor);
  }

  /** The aggregating state named by {@code descriptor}, with namespace control; for operators. */
  @SuppressWarnings("unchecked")
  public <N, IN, ACC, OUT> InternalAggregatingState<N, IN, OUT> getPartitionedState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return (InternalAggregatingState<N, IN, OUT>) register(descriptor);
  }

  /**
   * Removes every value of every state with time-to-live that is expired at processing time
   * {@code now}, over all keys, namespaces and key groups; returns how many values (list elements,
   * map entries) were removed. Costs time proportional to the number of stored values.
   */
  public long cleanupExpired(long now) {
    long removed = 0;
    for (TtlState state : ttlStates) {
      removed += state.cleanupExpired(now);
    }
    return removed;
  }

  /** Whether any registered state has a time-to-live, and so needs {@link #cleanupExpired}. */
  public boolean hasTtlState() {
    return !ttlStates.isEmpty();
  }

  /** {@link #cleanupExpired(long)} at the clock's current time. */
  public long cleanupExpired() {
    return cleanupExpired(clock.getAsLong());
  }

  private InternalKvState<?> register(StateDescriptor<?, ?> descriptor) {
    Registered r = states.get(descriptor.name());
    if (r == null) {
      InternalKvState<?> state = create(descriptor);
      if (state instanceof TtlState ttl) {
        ttlStates.add(ttl);
      }
      states.put(descriptor.name(), new Registered(descriptor, state));
      byte[][] restored = unregistered.remove(descriptor.name());
      if (restored != null) {
        try {
          load(tableOf(state), restored);
        } catch (IOException e) {
          throw new StateSerializationException(e);
        }
      }
      return state;
    }
    StateRegistrations.checkCompatible(r.descriptor(), descriptor);
    return r.state();
  }

  /**
   * Synchronous phase: serializes every state, key group by key group, into memory (values may be
   * mutable objects that the operator changes right after); the returned work only writes bytes.
   */
  @Override
  public KeyedStateSnapshot snapshot(long checkpointId) throws IOException {
    int groups = keys.range().size();
    byte[][] sections = new byte[groups][];
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    ByteArrayOutputStream section = new ByteArrayOutputStream(1024);
    for (int g = 0; g < groups; g++) {
      bytes.reset();
      DataOutputStream out = new DataOutputStream(bytes);
      int count = 0;
      for (Registered r : states.values()) {
        if (tableOf(r.state()).keyGroup(g).size() > 0) {
          count++;
        }
      }
      for (byte[][] raw : unregistered.values()) {
        if (raw[g] != null) {
          count++;
        }
      }
      out.writeInt(count);
      for (Map.Entry<String, Registered> e : states.entrySet()) {
        StateMap<?, ?> map = tableOf(e.getValue().state()).keyGroup(g);
        if (map.size() > 0) {
          out.writeUTF(e.getKey());
          section.reset();
          DataOutputStream sectionOut = new DataOutputStream(section);
          writeSection(sectionOut, map);
          sectionOut.flush();
          out.writeInt(section.size());
          section.writeTo(out);
        }
      }
      for (Map.Entry<String, byte[][]> e : unregistered.entrySet()) {
        if (e.getValue()[g] != null) {
          out.writeUTF(e.getKey());
          out.writeInt(e.getValue()[g].length);
          out.write(e.getValue()[g]);
        }
      }
      out.flush();
      sections[g] = bytes.toByteArray();
    }
    KeyGroupRange range = keys.range();
    return (directory, stem) -> write(directory, stem + "-keyed.bin", range, sections);
  }

  private static <N, S> void writeSection(DataOutputStream out, StateMap<N, S> map)
      throws IOException {
    out.writeInt(map.size());
    IOException[] failure = new IOException[1];
    map.forEach((key, namespace, value) -> {
      if (failure[0] != null) {
        return;
      }
      try {
        ObjectSerializer.write(out, key);
        ObjectSerializer.write(out, namespace);
        ObjectSerializer.write(out, value);
      } catch (IOException e) {
        failure[0] = e;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static HeapKeyedStateHandle write(Path directory, String name, KeyGroupRange range,
      byte[][] sections) throws IOException {
    Path file = directory.resolve(name);
    long[] offsets = new long[sections.length + 1];
    CRC32 crc = new CRC32();
    long position = 0;
    try (OutputStream out = new CheckedOutputStream(
        new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), crc)) {
      for (int g = 0; g < sections.length; g++) {
        offsets[g] = position;
        out.write(sections[g]);
        position += sections[g].length;
      }
    }
    offsets[sections.length] = position;
    return new HeapKeyedStateHandle(range, new StateFile(name, position, crc.getValue()), offsets);
  }

  /**
   * Reads the key groups of this backend's range out of every handle. Sections of states already
   * registered are loaded at once; the others wait for their state to be registered.
   */
  @Override
  public void restore(List<RestoredKeyedState> handles) throws IOException {
    KeyGroupRange range = keys.range();
    for (RestoredKeyedState restored : handles) {
      if (!(restored.handle() instanceof HeapKeyedStateHandle h)) {
        throw new IllegalStateException("the heap state backend cannot restore "
            + restored.handle().getClass().getSimpleName()
            + ": the checkpoint was taken with another state backend");
      }
      byte[] file = Files.readAllBytes(restored.checkpointDirectory().resolve(h.file().name()));
      KeyGroupRange old = h.keyGroupRange();
      for (int kg = Math.max(old.start(), range.start()); kg <= Math.min(old.end(), range.end());
          kg++) {
        int oldIndex = kg - old.start();
        int from = (int) h.offsets()[oldIndex];
        int to = (int) h.offsets()[oldIndex + 1];
        readKeyGroup(kg - range.start(), new DataInputStream(
            new ByteArrayInputStream(file, from, to - from)));
      }
    }
  }

  private void readKeyGroup(int index, DataInputStream in) throws IOException {
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      byte[] section = in.readNBytes(in.readInt());
      Registered r = states.get(name);
      if (r != null) {
        loadSection(tableOf(r.state()), index,
            new DataInputStream(new ByteArrayInputStream(section)));
      } else {
        // Decoded once, when the state is registered; written again as it is until then.
        unregistered.computeIfAbsent(name, n -> new byte[keys.range().size()][])[index] = section;
      }
    }
  }

  private static void load(StateTable<?, ?> table, byte[][] sections) throws IOException {
    for (int g = 0; g < sections.length; g++) {
      if (sections[g] != null) {
        loadSection(table, g, new DataInputStream(new ByteArrayInputStream(sections[g])));
      }
    }
  }

  /** Reads one state's section of key group {@code index} ({@code int entries}, then entries). */
  @SuppressWarnings("unchecked")
  private static void loadSection(StateTable<?, ?> table, int index, DataInputStream in)
      throws IOException {
    StateMap<Object, Object> map = ((StateTable<Object, Object>) table).keyGroup(index);
    int entries = in.readInt();
    for (int e = 0; e < entries; e++) {
      Object key = ObjectSerializer.read(in);
      Object namespace = ObjectSerializer.read(in);
      Object value = ObjectSerializer.read(in);
      map.put(key, key.hashCode(), namespace, value);
    }
  }

  private static StateTable<?, ?> tableOf(InternalKvState<?> state) {
    if (state instanceof AbstractHeapState<?, ?> heap) {
      return heap.table();
    }
    return ((TtlState) state).table();
  }

  @Override
  public void close() {
    states.clear();
    unregistered.clear();
  }

  private InternalKvState<?> create(StateDescriptor<?, ?> descriptor) {
    TtlPolicy ttl = descriptor.ttlConfig() == null ? null : new TtlPolicy(descriptor.ttlConfig(), clock);
    if (descriptor instanceof ValueStateDescriptor<?>) {
      return ttl == null ? new HeapValueState<>(keys) : new TtlValueState<>(keys, ttl);
    }
    if (descriptor instanceof ListStateDescriptor<?>) {
      return ttl == null ? new HeapListState<>(keys) : new TtlListState<>(keys, ttl);
    }
    if (descriptor instanceof MapStateDescriptor<?, ?>) {
      return ttl == null ? new HeapMapState<>(keys) : new TtlMapState<>(keys, ttl);
    }
    if (descriptor instanceof ReducingStateDescriptor<?> d) {
      return ttl == null
          ? new HeapReducingState<>(keys, d.reduceFunction())
          : new TtlReducingState<>(keys, d.reduceFunction(), ttl);
    }
    if (descriptor instanceof AggregatingStateDescriptor<?, ?, ?> d) {
      return ttl == null
          ? new HeapAggregatingState<>(keys, d.aggregateFunction())
          : new TtlAggregatingState<>(keys, d.aggregateFunction(), ttl);
    }
    throw new IllegalArgumentException("unknown kind of state descriptor: " + descriptor);
  }
}
