package dev.runnel.api;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.internal.OneInputTransformation;
import dev.runnel.api.internal.OperatorSpec;
import dev.runnel.api.internal.RollingCount;
import dev.runnel.api.internal.RollingReduce;
import dev.runnel.api.internal.PartitionTransformation;
import dev.runnel.api.internal.RollingSum;
import dev.runnel.api.window.CountEvictor;
import dev.runnel.api.window.CountTrigger;
import dev.runnel.api.window.GlobalWindow;
import dev.runnel.api.window.GlobalWindows;
import dev.runnel.api.window.PurgingTrigger;
import dev.runnel.api.window.Window;
import dev.runnel.api.window.WindowAssigner;
import java.util.Objects;

/**
 * A stream partitioned by key ({@link DataStream#keyBy}). Operators on it run in the scope of each
 * element's key and may keep keyed state; all elements of one key reach one subtask in the order
 * they were sent.
 *
 * <pre>{@code
 * orders.keyBy(Order::userId)
 *       .process(new RunningTotal())
 *       .sinkTo(sink);
 * }</pre>
 *
 * @param <K> key type
 * @param <T> element type
 */
@Public
public final class KeyedStream<K, T> extends DataStream<T> {
  private final KeySelector<T, K> keySelector;

  KeyedStream(
      StreamEnvironment env, PartitionTransformation<T> partition, KeySelector<T, K> keySelector) {
    super(env, partition);
    this.keySelector = keySelector;
  }

  public KeySelector<T, K> keySelector() {
    return keySelector;
  }

  /** Runs a {@link KeyedProcessFunction}, which may use keyed state. */
  public <R> DataStream<R> process(KeyedProcessFunction<K, ? super T, R> function) {
    Objects.requireNonNull(function, "function");
    return keyed("KeyedProcess", function);
  }

  /**
   * A rolling reduction: for every element, emits the reduction of all elements of its key so
   * far (the first element of a key is emitted as it is).
   */
  public DataStream<T> reduce(ReduceFunction<T> reducer) {
    return keyed("Reduce", new RollingReduce<K, T>(Objects.requireNonNull(reducer, "reducer")));
  }

  /** For every element, emits its key and the number of elements of that key so far. */
  public DataStream<KeyedValue<K, Long>> count() {
    return keyed("Count", new RollingCount<K, T>());
  }

  /**
   * For every element, emits its key and the sum of {@code field} over that key so far, as a
   * {@code type}: {@code Long} (exact; an overflow fails the job), {@code Double},
   * {@code BigInteger} or {@code BigDecimal} (exact). Integral sums take {@code Long},
   * {@code Integer}, {@code Short} and {@code Byte} values (and {@code BigInteger} ones for a
   * {@code BigInteger} sum) and fail the job on any other; a {@code BigDecimal} sum also takes
   * {@code BigDecimal} values, and doubles as the decimal they print as ({@code 0.1} is 0.1).
   *
   * <pre>{@code
   * orders.keyBy(Order::user).sum(BigDecimal.class, Order::amount);
   * clicks.keyBy(Click::page).sum(Long.class, Click::count); // an int field summed as a long
   * }</pre>
   *
   * @throws IllegalArgumentException naming {@code type} if sums of it are not supported
   */
  public <N extends Number> DataStream<KeyedValue<K, N>> sum(
      Class<N> type, MapFunction<? super T, ? extends Number> field) {
    return keyed("Sum", new RollingSum<K, T, N>(type, field));
  }

  /**
   * Joins this stream (left) with {@code other} (right) on the key: each pair of elements with
   * equal keys whose timestamps are close enough, as set by {@link IntervalJoin#between}. Event
   * time only; see {@link IntervalJoined} for the semantics and the state it keeps.
   *
   * <pre>{@code
   * orders.keyBy(Order::id)
   *     .intervalJoin(payments.keyBy(Payment::orderId))
   *     .between(Duration.ZERO, Duration.ofMinutes(10))
   *     .process(new MatchPayment());
   * }</pre>
   */
  public <T2> IntervalJoin<K, T, T2> intervalJoin(KeyedStream<K, T2> other) {
    Objects.requireNonNull(other, "other");
    environment().checkOwns(other);
    return new IntervalJoin<>(this, other);
  }

  /**
   * Cuts each key's elements into windows; see {@link WindowedStream} for the semantics.
   *
   * <pre>{@code
   * clicks.keyBy(Click::user)
   *     .window(SlidingEventTimeWindows.of(Duration.ofSeconds(10), Duration.ofSeconds(1)))
   *     .aggregate(new CountClicks());
   * }</pre>
   */
  public <W extends Window> WindowedStream<T, K, W> window(WindowAssigner<? super T, W> assigner) {
    return new WindowedStream<>(environment(), transformation(), keySelector, assigner, "Window");
  }

  /** Windows of {@code size} elements per key: fires and purges every {@code size} elements. */
  public WindowedStream<T, K, GlobalWindow> countWindow(long size) {
    return window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.of(size)));
  }

  /** Every {@code slide} elements of a key, fires over its last {@code size} elements. */
  public WindowedStream<T, K, GlobalWindow> countWindow(long size, long slide) {
    return window(GlobalWindows.create())
        .evictor(CountEvictor.of(size))
        .trigger(CountTrigger.of(slide));
  }

  private <R> DataStream<R> keyed(String name, KeyedProcessFunction<K, ? super T, R> function) {
    OperatorSpec spec = new OperatorSpec.KeyedProcess(function, keySelector);
    return new DataStream<>(
        environment(),
        new OneInputTransformation<>(environment().nextId(), name, transformation(), spec));
  }
}
