package dev.runnel.runtime.state;

import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.State;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.state.ValueStateDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
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
public final class HeapKeyedStateBackend {
  private final KeyContext keys;
  private final LongSupplier clock;
  private final Map<String, Registered> states = new HashMap<>();
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
      return state;
    }
    if (!compatible(r.descriptor(), descriptor)) {
      throw new IllegalStateException("state '" + descriptor.name() + "' is already registered as "
          + r.descriptor() + ", cannot register it again as " + descriptor);
    }
    return r.state();
  }

  private static boolean compatible(StateDescriptor<?, ?> a, StateDescriptor<?, ?> b) {
    return a.getClass() == b.getClass()
        && a.type().equals(b.type())
        && (!(a instanceof MapStateDescriptor<?, ?> ma)
            || ma.keyType().equals(((MapStateDescriptor<?, ?>) b).keyType()))
        && Objects.equals(a.ttlConfig(), b.ttlConfig());
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
