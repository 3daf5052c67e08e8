package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.internal.OneInputTransformation;
import dev.runnel.api.internal.OperatorSpec;
import dev.runnel.api.internal.Transformation;
import dev.runnel.api.internal.WindowDefinition;
import dev.runnel.api.window.Evictor;
import dev.runnel.api.window.MergingWindowAssigner;
import dev.runnel.api.window.Trigger;
import dev.runnel.api.window.Window;
import dev.runnel.api.window.WindowAssigner;
import java.time.Duration;
import java.util.Objects;

/**
 * A keyed stream cut into windows ({@link KeyedStream#window}). Configure it with {@link
 * #trigger}, {@link #evictor}, {@link #allowedLateness} and {@link #sideOutputLateData}, then end
 * it with a window function: {@link #reduce}, {@link #aggregate} or {@link #process}.
 *
 * <pre>{@code
 * OutputTag<Click> late = new OutputTag<>("late");
 * DataStream<Long> counts = clicks
 *     .keyBy(Click::user)
 *     .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
 *     .allowedLateness(Duration.ofSeconds(10))
 *     .sideOutputLateData(late)
 *     .aggregate(new CountClicks());
 * DataStream<Click> tooLate = counts.getSideOutput(late);
 * }</pre>
 *
 * <p><b>Semantics</b> (as Flink's): with event time, a window fires when the watermark reaches its
 * {@link Window#maxTimestamp()} ({@code end - 1}). An element is late when every window it belongs
 * to has {@code maxTimestamp + allowedLateness <= watermark}; late elements go to the late-data
 * side output if one is set, else they are dropped and counted ({@code
 * <step>.lateRecordsDropped}). An element that arrives after its window fired but within the
 * allowed lateness fires the window again with the updated result. A window's state is removed
 * when the watermark reaches {@code maxTimestamp + allowedLateness}. Results carry the window's
 * {@code maxTimestamp} as timestamp.
 *
 * <p><b>Cost.</b> {@code reduce} and {@code aggregate} keep one value per window and key. For
 * event-time tumbling and sliding windows with the default trigger, no evictor and no window
 * function, windows share slices of {@code gcd(size, slide)}: each element updates one slice
 * accumulator, and a firing window merges its slices with {@link AggregateFunction#merge}, called
 * with a fresh accumulator first, which it must not keep, and a slice's accumulator second, which
 * it must not change. {@code process} and evictors keep every element.
 *
 * @param <T> element type
 * @param <K> key type
 * @param <W> window type
 */
@Public
public final class WindowedStream<T, K, W extends Window> {
  private final StreamEnvironment env;
  private final Transformation<T> input;
  private final KeySelector<?, ?> keySelector;
  private final WindowAssigner<? super T, W> assigner;
  private final String name;
  private Trigger<? super T, ? super W> trigger;
  private Evictor<? super T, ? super W> evictor;
  private long allowedLatenessMillis;
  private OutputTag<T> lateDataTag;

  WindowedStream(StreamEnvironment env, Transformation<T> input, KeySelector<?, ?> keySelector,
      WindowAssigner<? super T, W> assigner, String name) {
    this.env = env;
    this.input = input;
    this.keySelector = keySelector;
    this.assigner = Objects.requireNonNull(assigner, "assigner");
    this.name = name;
  }

  /** Replaces the assigner's default trigger. Merging windows need a trigger that can merge. */
  public WindowedStream<T, K, W> trigger(Trigger<? super T, ? super W> trigger) {
    Objects.requireNonNull(trigger, "trigger");
    if (assigner instanceof MergingWindowAssigner<?, ?> && !trigger.canMerge()) {
      throw new UnsupportedOperationException(
          "merging windows (" + assigner + ") need a trigger that can merge; " + trigger
              + " cannot");
    }
    this.trigger = trigger;
    return this;
  }

  /** Removes elements from windows when they fire; the window then keeps every element. */
  public WindowedStream<T, K, W> evictor(Evictor<? super T, ? super W> evictor) {
    this.evictor = Objects.requireNonNull(evictor, "evictor");
    return this;
  }

  /**
   * How long after a window's end (in event time) its state is kept, so that late elements still
   * update it and fire it again. Default zero. Ignored by processing-time windows.
   */
  public WindowedStream<T, K, W> allowedLateness(Duration lateness) {
    long ms = lateness.toMillis();
    if (ms < 0) {
      throw new IllegalArgumentException("allowed lateness must not be negative, was " + lateness);
    }
    this.allowedLatenessMillis = ms;
    return this;
  }

  /** Sends elements too late for any of their windows to side output {@code tag}. */
  public WindowedStream<T, K, W> sideOutputLateData(OutputTag<T> tag) {
    this.lateDataTag = Objects.requireNonNull(tag, "tag");
    return this;
  }

  /** Emits, per window and key, the reduction of its elements (folded as they arrive). */
  public DataStream<T> reduce(ReduceFunction<T> reducer) {
    return build(Objects.requireNonNull(reducer, "reducer"), null, null);
  }

  /** Folds elements with {@code reducer} and gives the one result to {@code function}. */
  public <R> DataStream<R> reduce(
      ReduceFunction<T> reducer, ProcessWindowFunction<T, R, K, W> function) {
    return build(Objects.requireNonNull(reducer, "reducer"), null,
        Objects.requireNonNull(function, "function"));
  }

  /** Emits, per window and key, the result of {@code aggregate} over its elements. */
  public <ACC, R> DataStream<R> aggregate(AggregateFunction<T, ACC, R> aggregate) {
    return build(null, Objects.requireNonNull(aggregate, "aggregate"), null);
  }

  /** Aggregates elements incrementally and gives the one result to {@code function}. */
  public <ACC, V, R> DataStream<R> aggregate(
      AggregateFunction<T, ACC, V> aggregate, ProcessWindowFunction<V, R, K, W> function) {
    return build(null, Objects.requireNonNull(aggregate, "aggregate"),
        Objects.requireNonNull(function, "function"));
  }

  /** Gives all elements of a window to {@code function} when it fires. */
  public <R> DataStream<R> process(ProcessWindowFunction<T, R, K, W> function) {
    return build(null, null, Objects.requireNonNull(function, "function"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <R> DataStream<R> build(ReduceFunction<?> reducer, AggregateFunction<?, ?, ?> aggregate,
      ProcessWindowFunction<?, ?, ?, ?> function) {
    WindowDefinition definition = new WindowDefinition((WindowAssigner) assigner,
        (Trigger) trigger, (Evictor) evictor, allowedLatenessMillis, (OutputTag) lateDataTag,
        (ReduceFunction) reducer, (AggregateFunction) aggregate, (ProcessWindowFunction) function);
    OperatorSpec spec = new OperatorSpec.Windowed(definition, keySelector);
    return new DataStream<>(env, new OneInputTransformation<>(env.nextId(), name, input, spec));
  }
}
