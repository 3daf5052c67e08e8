package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.connector.CollectSink;
import dev.runnel.api.connector.PrintSink;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.FilterFunction;
import dev.runnel.api.functions.FlatMapFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.ProcessFunction;
import dev.runnel.api.internal.ConstantKeySelector;
import dev.runnel.api.internal.OneInputTransformation;
import dev.runnel.api.internal.OperatorSpec;
import dev.runnel.api.internal.PartitionTransformation;
import dev.runnel.api.internal.Partitioning;
import dev.runnel.api.internal.SideOutputTransformation;
import dev.runnel.api.internal.SinkTransformation;
import dev.runnel.api.internal.SourceTransformation;
import dev.runnel.api.internal.Transformation;
import dev.runnel.api.internal.TwoInputTransformation;
import dev.runnel.api.internal.UnionTransformation;
import dev.runnel.api.window.Window;
import dev.runnel.api.window.WindowAssigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stream of elements of type {@code T}. Each method adds a step and returns the stream it
 * produces; nothing runs until {@link StreamEnvironment#execute}.
 *
 * <p>Steps with the same parallelism connected one to one are fused into a chain that runs on one
 * thread without queues; {@link #rebalance()}, {@link #broadcast()}, {@link #keyBy} and a change of
 * parallelism put a bounded queue between steps.
 *
 * @param <T> element type
 */
@Public
public class DataStream<T> {
  private final StreamEnvironment env;
  private final Transformation<T> transformation;

  DataStream(StreamEnvironment env, Transformation<T> transformation) {
    this.env = env;
    this.transformation = transformation;
  }

  public StreamEnvironment environment() {
    return env;
  }

  /** The logical node behind this stream; for Runnel's own modules. */
  public Transformation<T> transformation() {
    return transformation;
  }

  public <R> DataStream<R> map(MapFunction<? super T, ? extends R> mapper) {
    return oneInput("Map", new OperatorSpec.Map(Objects.requireNonNull(mapper, "mapper")));
  }

  public DataStream<T> filter(FilterFunction<? super T> filter) {
    return oneInput("Filter", new OperatorSpec.Filter(Objects.requireNonNull(filter, "filter")));
  }

  public <R> DataStream<R> flatMap(FlatMapFunction<? super T, R> flatMapper) {
    return oneInput(
        "FlatMap", new OperatorSpec.FlatMap(Objects.requireNonNull(flatMapper, "flatMapper")));
  }

  /** Runs a {@link ProcessFunction}; read its side outputs with {@link #getSideOutput}. */
  public <R> DataStream<R> process(ProcessFunction<? super T, R> function) {
    return oneInput(
        "Process", new OperatorSpec.Process(Objects.requireNonNull(function, "function")));
  }

  /**
   * Assigns each element a timestamp and generates watermarks from them, replacing any event time
   * the stream had (watermarks from upstream are dropped, except the final one of a bounded input).
   * Prefer assigning at the source with {@link StreamEnvironment#fromSource(
   * dev.runnel.api.connector.Source, WatermarkStrategy, String)}: per source subtask is more
   * precise than after a shuffle.
   */
  public DataStream<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> watermarks) {
    Objects.requireNonNull(watermarks, "watermarks");
    return oneInput("Timestamps/Watermarks", new OperatorSpec.AssignTimestamps(watermarks));
  }

  /**
   * The side output {@code tag} of the step that produced this stream (a process function, or a
   * source that emits dead letters). Empty if that step never emits to it.
   */
  public <X> DataStream<X> getSideOutput(OutputTag<X> tag) {
    Objects.requireNonNull(tag, "tag");
    if (!(transformation instanceof OneInputTransformation<?, ?>
        || transformation instanceof TwoInputTransformation<?, ?, ?>
        || transformation instanceof SourceTransformation<?>)) {
      throw new IllegalStateException(
          "side outputs come from a process function or a source, not from "
              + transformation.name());
    }
    return new DataStream<>(env, new SideOutputTransformation<>(env.nextId(), transformation, tag));
  }

  /** Merges this stream with others of the same type. Order between them is not defined. */
  @SafeVarargs
  public final DataStream<T> union(DataStream<T>... others) {
    List<Transformation<?>> inputs = new ArrayList<>();
    inputs.add(transformation);
    for (DataStream<T> other : others) {
      env.checkOwns(other);
      inputs.add(other.transformation);
    }
    return new DataStream<>(env, new UnionTransformation<>(env.nextId(), inputs));
  }

  /**
   * Connects this stream with {@code other}, possibly of another type, for one function that
   * processes both, each input through its own method. Connecting two {@link KeyedStream}s (or
   * calling {@link ConnectedStreams#keyBy} on the result) gives keyed connected streams, whose
   * function shares keyed state and timers between the inputs.
   *
   * <pre>{@code
   * rules.connect(events)
   *     .keyBy(Rule::key, Event::key)
   *     .process(new Gate());
   * }</pre>
   */
  public <T2> ConnectedStreams<T, T2> connect(DataStream<T2> other) {
    Objects.requireNonNull(other, "other");
    return new ConnectedStreams<>(env, this, other);
  }

  /** Spreads elements round robin over the next step's subtasks, evening out skew. */
  public DataStream<T> rebalance() {
    return partition(Partitioning.of(Partitioning.Kind.REBALANCE));
  }

  /** Sends every element to every subtask of the next step. */
  public DataStream<T> broadcast() {
    return partition(Partitioning.of(Partitioning.Kind.BROADCAST));
  }

  /**
   * Connects subtask {@code i} to subtask {@code i} of the next step, which must have the same
   * parallelism. This is already the default between steps of equal parallelism.
   */
  public DataStream<T> forward() {
    return partition(Partitioning.of(Partitioning.Kind.FORWARD));
  }

  /**
   * Partitions the stream by key: all elements with equal keys go to the same subtask, in order,
   * and operators on the result may use keyed state.
   */
  public <K> KeyedStream<K, T> keyBy(KeySelector<? super T, K> keySelector) {
    Objects.requireNonNull(keySelector, "keySelector");
    PartitionTransformation<T> partition =
        new PartitionTransformation<>(env.nextId(), transformation, Partitioning.byKey(keySelector));
    @SuppressWarnings("unchecked")
    KeySelector<T, K> selector = (KeySelector<T, K>) keySelector;
    return new KeyedStream<>(env, partition, selector);
  }

  /**
   * Cuts the whole stream (not keyed) into windows, evaluated by one subtask; see {@link
   * AllWindowedStream}.
   *
   * <pre>{@code
   * clicks.windowAll(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).aggregate(new Count());
   * }</pre>
   */
  public <W extends Window> AllWindowedStream<T, W> windowAll(
      WindowAssigner<? super T, W> assigner) {
    KeySelector<T, Byte> constant = new ConstantKeySelector<>();
    PartitionTransformation<T> partition =
        new PartitionTransformation<>(env.nextId(), transformation, Partitioning.byKey(constant));
    return new AllWindowedStream<>(
        new WindowedStream<>(env, partition, constant, assigner, "WindowAll"));
  }

  /** Writes the stream to {@code sink}. */
  public DataStreamSink<T> sinkTo(Sink<T> sink) {
    Objects.requireNonNull(sink, "sink");
    SinkTransformation<T> t = new SinkTransformation<>(
        env.nextId(), "Sink " + sink.getClass().getSimpleName(), transformation, sink);
    env.addSink(t);
    return new DataStreamSink<>(t);
  }

  /** Prints each element to standard output; see {@link PrintSink}. */
  public DataStreamSink<T> print() {
    return sinkTo(new PrintSink<>()).name("Print");
  }

  /**
   * Runs the environment's job (everything built on it so far) and returns this stream's elements.
   * For tests and small bounded jobs: the elements are kept in memory.
   *
   * @throws JobExecutionException if the job fails
   */
  public List<T> executeAndCollect() {
    CollectSink<T> sink = new CollectSink<>();
    sinkTo(sink).name("Collect");
    env.execute("collect");
    return sink.records();
  }

  /** Names the step that produced this stream; the name appears in errors and counters. */
  public DataStream<T> name(String name) {
    transformation.setName(name);
    return this;
  }

  /**
   * Gives the step a stable id, by which its state is found again when a job is restored from a
   * checkpoint after its code changed. Set it on every stateful step of a long-lived job.
   */
  public DataStream<T> uid(String uid) {
    transformation.setUid(uid);
    return this;
  }

  /** Sets how many parallel subtasks run the step that produced this stream. */
  public DataStream<T> setParallelism(int parallelism) {
    if (transformation.isVirtual()) {
      throw new IllegalStateException(
          "cannot set the parallelism of " + transformation.name() + ": it runs no code");
    }
    transformation.setParallelism(parallelism);
    return this;
  }

  /**
   * Adds a one-input step described by {@code spec}; for Runnel's own modules that bring an
   * operator of their own ({@link OperatorSpec.Custom}), not for applications.
   */
  public <R> DataStream<R> transform(String name, OperatorSpec spec) {
    Objects.requireNonNull(name, "name");
    return oneInput(name, Objects.requireNonNull(spec, "spec"));
  }

  private <R> DataStream<R> oneInput(String name, OperatorSpec spec) {
    return new DataStream<>(
        env, new OneInputTransformation<>(env.nextId(), name, transformation, spec));
  }

  private DataStream<T> partition(Partitioning partitioning) {
    return new DataStream<>(
        env, new PartitionTransformation<>(env.nextId(), transformation, partitioning));
  }
}
