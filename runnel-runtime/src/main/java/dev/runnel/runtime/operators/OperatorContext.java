package dev.runnel.runtime.operators;

import dev.runnel.api.OperatorException;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SourceReaderContext;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.AggregatingState;
import dev.runnel.api.state.AggregatingStateDescriptor;
import dev.runnel.api.state.ListState;
import dev.runnel.api.state.ListStateDescriptor;
import dev.runnel.api.state.MapState;
import dev.runnel.api.state.MapStateDescriptor;
import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.time.ProcessingTimeService;
import java.util.List;

/**
 * Everything one operator subtask knows about where it runs. It is also what the subtask's user
 * function ({@link RuntimeContext}), source reader ({@link SourceReaderContext}) or sink writer
 * ({@link SinkContext}) is told.
 */
public final class OperatorContext implements RuntimeContext, SourceReaderContext, SinkContext {
  private final String jobName;
  private final String operatorName;
  private final int subtaskIndex;
  private final int parallelism;
  private final int maxParallelism;
  private final KeyedStateBackend keyedState;
  private final OperatorCounters counters = new OperatorCounters();
  private final ProcessingTimeService processingTime;
  private final long watermarkIntervalMillis;
  private boolean checkpointingEnabled;
  private List<Object> allRestoredSplitStates = List.of();

  /**
   * @param keyedState the operator's keyed state, or null if it is not keyed
   * @param processingTime the subtask's processing-time clock and callbacks
   * @param watermarkIntervalMillis how often watermark generators are asked; 0 = every element
   */
  public OperatorContext(String jobName, String operatorName, int subtaskIndex, int parallelism,
      int maxParallelism, KeyedStateBackend keyedState, ProcessingTimeService processingTime,
      long watermarkIntervalMillis) {
    this.jobName = jobName;
    this.operatorName = operatorName;
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
    this.maxParallelism = maxParallelism;
    this.keyedState = keyedState;
    this.processingTime = processingTime;
    this.watermarkIntervalMillis = watermarkIntervalMillis;
  }

  /** The subtask's processing-time clock, on which operators schedule their callbacks. */
  public ProcessingTimeService processingTime() {
    return processingTime;
  }

  /**
   * Set by the runtime for a source subtask restored from a checkpoint: the split states of all
   * its old subtasks ({@link SourceReaderContext#allRestoredSplitStates()}).
   */
  public void setAllRestoredSplitStates(List<Object> splitStates) {
    this.allRestoredSplitStates = List.copyOf(splitStates);
  }

  @Override
  public List<Object> allRestoredSplitStates() {
    return allRestoredSplitStates;
  }

  /** Set by the runtime when the job takes checkpoints. */
  public void setCheckpointingEnabled(boolean enabled) {
    this.checkpointingEnabled = enabled;
  }

  @Override
  public boolean isCheckpointingEnabled() {
    return checkpointingEnabled;
  }

  public long watermarkIntervalMillis() {
    return watermarkIntervalMillis;
  }

  @Override
  public String jobName() {
    return jobName;
  }

  @Override
  public String operatorName() {
    return operatorName;
  }

  @Override
  public int subtaskIndex() {
    return subtaskIndex;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public int maxParallelism() {
    return maxParallelism;
  }

  public OperatorCounters counters() {
    return counters;
  }

  /** The operator's keyed state backend, or null for an operator that is not keyed. */
  public KeyedStateBackend keyedState() {
    return keyedState;
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return requireKeyedState().getState(descriptor);
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return requireKeyedState().getState(descriptor);
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return requireKeyedState().getState(descriptor);
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
    return requireKeyedState().getState(descriptor);
  }

  @Override
  public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return requireKeyedState().getState(descriptor);
  }

  private KeyedStateBackend requireKeyedState() {
    if (keyedState == null) {
      throw new IllegalStateException("operator '" + operatorName
          + "' is not keyed: keyed state is only available after keyBy(...)");
    }
    return keyedState;
  }

  /** An exception that pins {@code cause} on this operator subtask and the given record. */
  public OperatorException failure(String recordDescription, Throwable cause) {
    return new OperatorException(operatorName, subtaskIndex, parallelism, recordDescription, cause);
  }

  /**
   * What to throw for {@code e}, thrown by a call into this operator subtask outside any record:
   * {@code e} itself if it is an {@link OperatorException}, which is already pinned on the
   * operator further down the chain that failed, else {@link #failure} of it.
   *
   * <pre>{@code
   * try {
   *   op.finish();
   * } catch (Exception e) {
   *   throw op.context().failureOf(e);
   * }
   * }</pre>
   */
  public RuntimeException failureOf(Exception e) {
    return e instanceof OperatorException pinned ? pinned : failure(null, e);
  }

  /**
   * {@link #failureOf(Exception)} for a call that processed {@code record}. The record is only
   * described (its {@code toString()} called) when {@code e} is not pinned yet.
   */
  public RuntimeException failureOf(Exception e, Object record) {
    return e instanceof OperatorException pinned
        ? pinned
        : failure(OperatorException.describe(record), e);
  }
}
