package dev.runnel.api.window;

import dev.runnel.api.state.ReducingState;
import dev.runnel.api.state.ReducingStateDescriptor;
import dev.runnel.api.state.State;
import dev.runnel.api.state.StateDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** A trigger context for one key and window, with visible timers and reducing state. */
final class FakeTriggerContext implements Trigger.OnMergeContext {
  long processingTime;
  long watermark = Long.MIN_VALUE;
  final TreeSet<Long> eventTimers = new TreeSet<>();
  final TreeSet<Long> processingTimers = new TreeSet<>();
  final Map<String, Object> values = new HashMap<>();

  @Override
  public long currentProcessingTime() {
    return processingTime;
  }

  @Override
  public long currentWatermark() {
    return watermark;
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    processingTimers.add(time);
  }

  @Override
  public void registerEventTimeTimer(long time) {
    eventTimers.add(time);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    processingTimers.remove(time);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    eventTimers.remove(time);
  }

  @SuppressWarnings("unchecked")
  @Override
  public <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor) {
    ReducingStateDescriptor<Object> d = (ReducingStateDescriptor<Object>) descriptor;
    return (S) new ReducingState<Object>() {
      @Override
      public Object get() {
        return values.get(d.name());
      }

      @Override
      public void add(Object value) throws Exception {
        Object current = values.get(d.name());
        values.put(d.name(), current == null ? value : d.reduceFunction().reduce(current, value));
      }

      @Override
      public void clear() {
        values.remove(d.name());
      }
    };
  }

  @Override
  public void mergePartitionedState(StateDescriptor<?, ?> descriptor) {
    // one window only: nothing to merge
  }
}
