package dev.runnel.api.internal;

import dev.runnel.api.OutputTag;
import dev.runnel.api.annotation.Internal;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.window.Evictor;
import dev.runnel.api.window.Trigger;
import dev.runnel.api.window.Window;
import dev.runnel.api.window.WindowAssigner;
import java.io.Serializable;

/**
 * Everything a window step was configured with; the runtime copies it (and so every user function
 * in it) once per subtask. At most one of {@code reduceFunction} and {@code aggregateFunction} is
 * set: the window's contents are then folded as elements arrive and the window function sees one
 * value; with neither, it sees every element.
 *
 * @param trigger the trigger, or null for the assigner's default
 * @param evictor the evictor, or null
 * @param lateDataTag where late elements go, or null to drop (and count) them
 * @param windowFunction the window function, or null to emit the folded value itself
 */
@Internal
public record WindowDefinition(
    WindowAssigner<Object, Window> assigner,
    Trigger<Object, Window> trigger,
    Evictor<Object, Window> evictor,
    long allowedLatenessMillis,
    OutputTag<Object> lateDataTag,
    ReduceFunction<Object> reduceFunction,
    AggregateFunction<Object, Object, Object> aggregateFunction,
    ProcessWindowFunction<Object, Object, Object, Window> windowFunction)
    implements Serializable {

  /** The trigger in effect: the configured one, else the assigner's default. */
  public Trigger<Object, Window> effectiveTrigger() {
    return trigger != null ? trigger : assigner.getDefaultTrigger();
  }
}
