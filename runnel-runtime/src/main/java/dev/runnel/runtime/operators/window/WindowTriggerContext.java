package dev.runnel.runtime.operators.window;

import dev.runnel.api.state.State;
import dev.runnel.api.state.StateDescriptor;
import dev.runnel.api.window.Trigger;
import dev.runnel.api.window.Window;
import dev.runnel.runtime.state.KeyedStateBackend;
import dev.runnel.runtime.state.InternalMergingState;
import dev.runnel.runtime.time.InternalTimerService;
import java.util.Collection;

/**
 * What a trigger sees: timers and state of the current key, in the namespace of {@link #window}.
 * One instance per operator, re-pointed before every trigger call.
 */
final class WindowTriggerContext implements Trigger.OnMergeContext {
  private final KeyedStateBackend backend;
  private final InternalTimerService<Window> timers;
  Window window;
  Collection<Window> mergedWindows;

  WindowTriggerContext(KeyedStateBackend backend, InternalTimerService<Window> timers) {
    this.backend = backend;
    this.timers = timers;
  }

  @Override
  public long currentProcessingTime() {
    return timers.currentProcessingTime();
  }

  @Override
  public long currentWatermark() {
    return timers.currentWatermark();
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(window, time);
  }

  @Override
  public void registerEventTimeTimer(long time) {
    timers.registerEventTimeTimer(window, time);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(window, time);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(window, time);
  }

  @Override
  public <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor) {
    return WindowStates.get(backend, descriptor, window);
  }

  @Override
  public void mergePartitionedState(StateDescriptor<?, ?> descriptor) {
    Object state = WindowStates.get(backend, descriptor, window);
    if (!(state instanceof InternalMergingState<?>)) {
      throw new UnsupportedOperationException("trigger state " + descriptor
          + " cannot be merged: use a list, reducing or aggregating state");
    }
    @SuppressWarnings("unchecked")
    InternalMergingState<Window> merging = (InternalMergingState<Window>) state;
    try {
      merging.mergeNamespaces(window, mergedWindows);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("merging trigger state " + descriptor + " failed", e);
    }
  }
}
