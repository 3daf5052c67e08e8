package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.ProcessAllWindowFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.internal.AllWindowFunctionAdapter;
import dev.runnel.api.window.Evictor;
import dev.runnel.api.window.Trigger;
import dev.runnel.api.window.Window;
import java.time.Duration;
import java.util.Objects;

/**
 * A non-keyed stream cut into windows ({@link DataStream#windowAll}): every element of the stream
 * meets in one window step that runs at parallelism 1. Same configuration and semantics as {@link
 * WindowedStream}, with {@link ProcessAllWindowFunction} as the window function.
 *
 * <pre>{@code
 * DataStream<Long> perMinute = clicks
 *     .windowAll(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
 *     .aggregate(new CountClicks());
 * }</pre>
 *
 * <p>How it runs: the step is a keyed window step whose key is the same constant for every
 * element, fed by a key partitioning at parallelism 1; so all elements reach one subtask, and
 * window and trigger state live under that one key. Setting a higher parallelism on the result
 * only adds idle subtasks.
 *
 * @param <T> element type
 * @param <W> window type
 */
@Public
public final class AllWindowedStream<T, W extends Window> {
  private final WindowedStream<T, Byte, W> windowed;

  AllWindowedStream(WindowedStream<T, Byte, W> windowed) {
    this.windowed = windowed;
  }

  public AllWindowedStream<T, W> trigger(Trigger<? super T, ? super W> trigger) {
    windowed.trigger(trigger);
    return this;
  }

  public AllWindowedStream<T, W> evictor(Evictor<? super T, ? super W> evictor) {
    windowed.evictor(evictor);
    return this;
  }

  public AllWindowedStream<T, W> allowedLateness(Duration lateness) {
    windowed.allowedLateness(lateness);
    return this;
  }

  public AllWindowedStream<T, W> sideOutputLateData(OutputTag<T> tag) {
    windowed.sideOutputLateData(tag);
    return this;
  }

  public DataStream<T> reduce(ReduceFunction<T> reducer) {
    return single(windowed.reduce(reducer));
  }

  public <R> DataStream<R> reduce(
      ReduceFunction<T> reducer, ProcessAllWindowFunction<T, R, W> function) {
    return single(windowed.reduce(reducer, adapt(function)));
  }

  public <ACC, R> DataStream<R> aggregate(AggregateFunction<T, ACC, R> aggregate) {
    return single(windowed.aggregate(aggregate));
  }

  public <ACC, V, R> DataStream<R> aggregate(
      AggregateFunction<T, ACC, V> aggregate, ProcessAllWindowFunction<V, R, W> function) {
    return single(windowed.aggregate(aggregate, adapt(function)));
  }

  public <R> DataStream<R> process(ProcessAllWindowFunction<T, R, W> function) {
    return single(windowed.process(adapt(function)));
  }

  private static <I, O, W extends Window> AllWindowFunctionAdapter<I, O, Byte, W> adapt(
      ProcessAllWindowFunction<I, O, W> function) {
    return new AllWindowFunctionAdapter<>(Objects.requireNonNull(function, "function"));
  }

  private static <R> DataStream<R> single(DataStream<R> stream) {
    return stream.setParallelism(1);
  }
}
