package dev.runnel.runtime.state;

import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.State;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.state.ValueStateDescriptor;
import java.util.List;

/**
 * The keyed state of one keyed operator subtask: every state the operator and its user function
 * registered, for the key groups of the subtask's range. Implemented on the heap ({@link
 * HeapKeyedStateBackend}) and on RocksDB (module {@code runnel-rocksdb}).
 *
 * <p>States are created on first request and found again by name; asking for a name already
 * registered as another kind, type or time-to-live is an error. Values read from a state must not
 * be mutated in place unless written back with the state's update method: the RocksDB backend
 * keeps bytes, not the objects it returned.
 *
 * <p>Not thread-safe: the subtask's thread only, but for {@link KeyedStateSnapshot#write}, which
 * runs on a checkpoint I/O thread.
 */
public interface KeyedStateBackend extends AutoCloseable {
  KeyContext keys();

  void setCurrentKey(Object key);

  /** The state named by {@code descriptor}, in the void namespace: what user functions get. */
  <S extends State> S getState(StateDescriptor<S, ?> descriptor);

  <N, T> InternalValueState<N, T> getPartitionedState(ValueStateDescriptor<T> descriptor);

  <N, T> InternalListState<N, T> getPartitionedState(ListStateDescriptor<T> descriptor);

  <N, K, V> InternalMapState<N, K, V> getPartitionedState(MapStateDescriptor<K, V> descriptor);

  <N, T> InternalReducingState<N, T> getPartitionedState(ReducingStateDescriptor<T> descriptor);

  <N, IN, ACC, OUT> InternalAggregatingState<N, IN, OUT> getPartitionedState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor);

  /**
   * Removes every value of every state with time-to-live that is expired at processing time
   * {@code now}; returns how many values were removed.
   */
  long cleanupExpired(long now);

  /** {@link #cleanupExpired(long)} at the backend's clock's current time. */
  long cleanupExpired();

  /**
   * True if a state returns the very object it stores (the heap backend), so an object changed in
   * place is already written; false if it keeps bytes (RocksDB) and changes must be written back.
   * Lets operators skip a redundant write on the heap; user functions should always write back.
   */
  default boolean storesObjects() {
    return false;
  }

  /** Whether any registered state has a time-to-live, and so needs {@link #cleanupExpired}. */
  boolean hasTtlState();

  /**
   * The synchronous phase of a checkpoint: captures every state as it is now, quickly, and returns
   * the work that writes it, which runs later on another thread while this backend goes on
   * changing.
   */
  KeyedStateSnapshot snapshot(long checkpointId) throws Exception;

  /**
   * Loads the state of a checkpoint, before the operator opens: the handles of every old subtask
   * whose key groups overlap this backend's range; only key groups of this range are taken.
   */
  void restore(List<RestoredKeyedState> handles) throws Exception;

  /** Releases memory, native resources and local files. */
  @Override
  void close();
}
