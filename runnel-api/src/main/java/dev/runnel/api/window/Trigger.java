package dev.runnel.api.window;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.state.State;
import dev.runnel.api.state.StateDescriptor;
import java.io.Serializable;

/**
 * Decides when a window fires. The runtime calls it for every element added to a window and for
 * every timer it registered; each call returns a {@link TriggerResult}. A trigger keeps what it
 * needs in timers and in per-window state ({@link TriggerContext#getPartitionedState}), never in
 * fields: one trigger object serves every key and window of a subtask.
 *
 * <pre>{@code
 * // fires every 100th element of a window
 * class Every100 extends Trigger<Object, Window> {
 *   private final ReducingStateDescriptor<Long> countDesc =
 *       new ReducingStateDescriptor<>("count", Long::sum, Long.class);
 *   public TriggerResult onElement(Object e, long ts, Window w, TriggerContext ctx) throws Exception {
 *     ReducingState<Long> count = ctx.getPartitionedState(countDesc);
 *     count.add(1L);
 *     if (count.get() < 100) return TriggerResult.CONTINUE;
 *     count.clear();
 *     return TriggerResult.FIRE;
 *   }
 *   public TriggerResult onEventTime(long t, Window w, TriggerContext ctx) { return TriggerResult.CONTINUE; }
 *   public TriggerResult onProcessingTime(long t, Window w, TriggerContext ctx) { return TriggerResult.CONTINUE; }
 *   public void clear(Window w, TriggerContext ctx) { ctx.getPartitionedState(countDesc).clear(); }
 * }
 * }</pre>
 *
 * @param <T> element type
 * @param <W> window type
 */
@Public
public abstract class Trigger<T, W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** An element was added to {@code window}. */
  public abstract TriggerResult onElement(T element, long timestamp, W window, TriggerContext ctx)
      throws Exception;

  /** An event-time timer this trigger registered for {@code window} fired. */
  public abstract TriggerResult onEventTime(long time, W window, TriggerContext ctx)
      throws Exception;

  /** A processing-time timer this trigger registered for {@code window} fired. */
  public abstract TriggerResult onProcessingTime(long time, W window, TriggerContext ctx)
      throws Exception;

  /** Whether the trigger supports merging windows (session windows need it). */
  public boolean canMerge() {
    return false;
  }

  /**
   * Windows merged into {@code window}: re-register timers for it and merge per-window state with
   * {@link OnMergeContext#mergePartitionedState}. The merged windows' {@link #clear} is called too.
   */
  public void onMerge(W window, OnMergeContext ctx) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not merge windows");
  }

  /** The window is removed: delete its timers and per-window state. */
  public abstract void clear(W window, TriggerContext ctx) throws Exception;

  /** What a trigger can do, scoped to the current key and window. */
  public interface TriggerContext {
    long currentProcessingTime();

    long currentWatermark();

    void registerProcessingTimeTimer(long time);

    void registerEventTimeTimer(long time);

    void deleteProcessingTimeTimer(long time);

    void deleteEventTimeTimer(long time);

    /** State of the current key and window; descriptors are looked up by name, as elsewhere. */
    <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor);
  }

  /** The context of {@link #onMerge}. */
  public interface OnMergeContext extends TriggerContext {
    /**
     * Merges the named state of the windows being merged into the merged window. The state must
     * be a list, reducing or aggregating state.
     */
    void mergePartitionedState(StateDescriptor<?, ?> descriptor);
  }
}
