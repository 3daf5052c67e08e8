package dev.runnel.runtime.operators.window;

import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.internal.WindowDefinition;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.runtime.operators.StreamOperator;

/**
 * Chooses the operator for a window step: the {@link SlicingWindowOperator} or the {@link
 * SessionWindowOperator} when it computes the same results with less work, else the general {@link
 * WindowOperator}.
 *
 * <p>Slicing applies to event-time tumbling windows with {@code reduce} or {@code aggregate}, and
 * to event-time sliding windows ({@code slide <= size}) with {@code aggregate}, when no trigger or
 * evictor is set; with a window function after the incremental one, only without allowed lateness
 * (a window then fires once, so its per-window state can go at once). Sliding {@code reduce} is
 * not sliced: a reduce function may change its first argument, which would corrupt a slice shared
 * by several windows.
 *
 * <p>Event-time session windows with {@code reduce} or {@code aggregate} (and an optional window
 * function) go to the session operator when there is no trigger, evictor or allowed lateness.
 *
 * <pre>{@code
 * StreamOperator op = WindowOperators.create(definition, keySelector); // as OperatorFactory does
 * }</pre>
 */
public final class WindowOperators {
  private WindowOperators() {}

  @SuppressWarnings("unchecked")
  public static StreamOperator create(
      WindowDefinition definition, KeySelector<Object, Object> keySelector) {
    SliceMath slices = slicesFor(definition);
    if (slices != null) {
      return new SlicingWindowOperator(keySelector, slices, definition.allowedLatenessMillis(),
          definition.lateDataTag(), definition.aggregateFunction(),
          definition.aggregateFunction() == null ? definition.reduceFunction() : null,
          definition.windowFunction());
    }
    if (isIncrementalEventTimeSession(definition)) {
      return new SessionWindowOperator(keySelector,
          (EventTimeSessionWindows<Object>) (Object) definition.assigner(),
          definition.lateDataTag(),
          definition.aggregateFunction(),
          definition.aggregateFunction() == null ? definition.reduceFunction() : null,
          definition.windowFunction());
    }
    return new WindowOperator(definition, keySelector);
  }

  /** Whether {@link SessionWindowOperator} computes {@code definition}. */
  static boolean isIncrementalEventTimeSession(WindowDefinition definition) {
    return definition.assigner() instanceof EventTimeSessionWindows
        && definition.trigger() == null && definition.evictor() == null
        && definition.allowedLatenessMillis() == 0
        && (definition.aggregateFunction() != null || definition.reduceFunction() != null);
  }

  /** The slicing of {@code definition}, or null if it is not sliced. */
  static SliceMath slicesFor(WindowDefinition definition) {
    if (definition.trigger() != null || definition.evictor() != null) {
      return null;
    }
    if (definition.windowFunction() != null && definition.allowedLatenessMillis() != 0) {
      return null;
    }
    boolean aggregate = definition.aggregateFunction() != null;
    Object assigner = definition.assigner();
    if (assigner instanceof TumblingEventTimeWindows t
        && (aggregate || definition.reduceFunction() != null)) {
      return new SliceMath(t.sizeMillis(), t.sizeMillis(), t.offsetMillis());
    }
    if (assigner instanceof SlidingEventTimeWindows s && aggregate
        && s.slideMillis() <= s.sizeMillis()) {
      return new SliceMath(s.sizeMillis(), s.slideMillis(), s.offsetMillis());
    }
    return null;
  }
}
