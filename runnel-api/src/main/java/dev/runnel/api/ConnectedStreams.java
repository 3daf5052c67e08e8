package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.CoProcessFunction;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.internal.TwoInputOperatorSpec;
import dev.runnel.api.internal.TwoInputTransformation;
import java.util.Objects;

/**
 * Two streams, possibly of different types, that one function processes together ({@link
 * DataStream#connect}). Unlike a union, each element keeps its input: the function has one method
 * per input.
 *
 * <pre>{@code
 * // Not keyed: any two streams.
 * DataStream<String> out = orders.connect(refunds).process(new TagBoth());
 *
 * // Keyed: both inputs by the same kind of key, with shared keyed state and timers.
 * DataStream<Event> gated = rules.connect(events)
 *     .keyBy(Rule::key, Event::key)
 *     .process(new Gate()); // a KeyedCoProcessFunction<String, Rule, Event, Event>
 * }</pre>
 *
 * <p>The connected streams are keyed when both are {@link KeyedStream}s: after {@link #keyBy}, or
 * when two keyed streams were connected. The keys of both inputs must be of one type and compare
 * equal (with {@code equals} and a stable {@code hashCode}) for elements that belong together.
 *
 * <p>Event time: the operator's watermark is the minimum of both inputs' watermarks, so an input
 * without event time holds event time back until it ends (or goes idle).
 *
 * @param <T1> type of the first input
 * @param <T2> type of the second input
 */
@Public
public final class ConnectedStreams<T1, T2> {
  private final StreamEnvironment env;
  private final DataStream<T1> first;
  private final DataStream<T2> second;

  ConnectedStreams(StreamEnvironment env, DataStream<T1> first, DataStream<T2> second) {
    env.checkOwns(first);
    env.checkOwns(second);
    this.env = env;
    this.first = first;
    this.second = second;
  }

  public DataStream<T1> getFirstInput() {
    return first;
  }

  public DataStream<T2> getSecondInput() {
    return second;
  }

  /** Whether both inputs are keyed, so that a {@link KeyedCoProcessFunction} may run on them. */
  public boolean isKeyed() {
    return first instanceof KeyedStream<?, ?> && second instanceof KeyedStream<?, ?>;
  }

  /**
   * Partitions both inputs by key, so that elements of either input with equal keys reach the same
   * subtask and share its keyed state.
   */
  public <K> ConnectedStreams<T1, T2> keyBy(
      KeySelector<? super T1, K> keySelector1, KeySelector<? super T2, K> keySelector2) {
    Objects.requireNonNull(keySelector1, "keySelector1");
    Objects.requireNonNull(keySelector2, "keySelector2");
    return new ConnectedStreams<>(env, first.keyBy(keySelector1), second.keyBy(keySelector2));
  }

  /**
   * Runs a {@link CoProcessFunction} over both inputs. Without keys each input keeps the
   * partitioning it had (forward between equal parallelisms, rebalance otherwise).
   */
  public <R> DataStream<R> process(CoProcessFunction<? super T1, ? super T2, R> function) {
    Objects.requireNonNull(function, "function");
    return twoInput("CoProcess", new TwoInputOperatorSpec.CoProcess(function));
  }

  /**
   * Runs a {@link KeyedCoProcessFunction} over both inputs, with keyed state and timers shared by
   * the two.
   *
   * @throws IllegalStateException if the inputs are not keyed: call {@link #keyBy} first
   */
  public <K, R> DataStream<R> process(
      KeyedCoProcessFunction<K, ? super T1, ? super T2, R> function) {
    Objects.requireNonNull(function, "function");
    if (!isKeyed()) {
      throw new IllegalStateException("a KeyedCoProcessFunction needs keyed inputs: call "
          + "keyBy(keySelector1, keySelector2) on the connected streams, or connect two keyed "
          + "streams");
    }
    KeySelector<?, ?> k1 = ((KeyedStream<?, ?>) first).keySelector();
    KeySelector<?, ?> k2 = ((KeyedStream<?, ?>) second).keySelector();
    return twoInput("KeyedCoProcess", new TwoInputOperatorSpec.KeyedCoProcess(function, k1, k2));
  }

  private <R> DataStream<R> twoInput(String name, TwoInputOperatorSpec spec) {
    return new DataStream<>(env, new TwoInputTransformation<T1, T2, R>(env.nextId(), name,
        first.transformation(), second.transformation(), spec));
  }
}
