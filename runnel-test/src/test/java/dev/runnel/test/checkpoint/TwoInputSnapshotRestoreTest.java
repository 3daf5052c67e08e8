package dev.runnel.test.checkpoint;

import static dev.runnel.test.checkpoint.RestoreCheck.assertRestoreIsSeamless;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.ProcessJoinFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.StateBackend;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.test.OperatorSnapshot;
import dev.runnel.test.TwoInputOperatorHarness;
import dev.runnel.test.checkpoint.RestoreCheck.Step;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Snapshot and restore of the keyed two-input operators: keyed co-process and interval join. */
class TwoInputSnapshotRestoreTest {
  record L(String key, long value) {}

  record R(String key, long value) {}

  static Stream<StateBackend> backends() {
    return RestoreCheck.backends();
  }

  static Step<TwoInputOperatorHarness<L, R, String>> left(String key, long v, long ts) {
    return h -> h.processElement1(new L(key, v), ts);
  }

  static Step<TwoInputOperatorHarness<L, R, String>> right(String key, long v, long ts) {
    return h -> h.processElement2(new R(key, v), ts);
  }

  static Step<TwoInputOperatorHarness<L, R, String>> wm(long watermark) {
    return h -> h.processWatermark(watermark);
  }

  static Step<TwoInputOperatorHarness<L, R, String>> clock(long time) {
    return h -> h.setProcessingTime(time);
  }

  /**
   * Input 1 sets a key's factor; input 2's values are multiplied by it and summed, the sum emitted
   * by an event-time timer 5 ms after the first value, and a processing-time timer reports the
   * factor 20 ms after it was set.
   */
  static final class Scale extends KeyedCoProcessFunction<String, L, R, String> {
    private transient ValueState<Long> factor;
    private transient ValueState<Long> sum;

    @Override
    public void open(RuntimeContext ctx) {
      factor = ctx.getState(new ValueStateDescriptor<>("factor", Long.class));
      sum = ctx.getState(new ValueStateDescriptor<>("sum", Long.class));
    }

    @Override
    public void processElement1(L l, Context<String> ctx, Collector<String> out) {
      try {
        factor.update(l.value());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      ctx.timerService().registerProcessingTimeTimer(
          ctx.timerService().currentProcessingTime() + 20);
    }

    @Override
    public void processElement2(R r, Context<String> ctx, Collector<String> out) throws Exception {
      Long f = factor.value();
      Long s = sum.value();
      if (s == null) {
        ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 5);
      }
      sum.update((s == null ? 0 : s) + r.value() * (f == null ? 1 : f));
    }

    @Override
    public void onTimer(long time, OnTimerContext<String> ctx, Collector<String> out)
        throws Exception {
      if (ctx.timeDomain() == dev.runnel.api.functions.TimeDomain.EVENT_TIME) {
        out.collect(ctx.getCurrentKey() + " sum " + sum.value());
        sum.clear();
      } else {
        out.collect(ctx.getCurrentKey() + " factor " + factor.value() + " at " + time);
      }
    }
  }

  static final class Pair extends ProcessJoinFunction<L, R, String> {
    @Override
    public void processElement(L l, R r, Context ctx, Collector<String> out) {
      out.collect(l.key() + ":" + l.value() + "+" + r.value());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void keyedCoProcessWithTimersInBothDomains(StateBackend backend) {
    assertRestoreIsSeamless(backend,
        () -> TwoInputOperatorHarness.forKeyedCoProcess(new Scale(), L::key, R::key),
        List.of(left("a", 2, 0), right("a", 1, 1), right("b", 5, 2), clock(5), left("b", 3, 3),
            wm(2), right("a", 4, 4), right("c", 1, 9)),
        List.of(right("b", 1, 8), wm(7), left("c", 10, 9), right("c", 2, 10), clock(30), wm(20),
            right("a", 1, 21), wm(40), clock(60)));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void intervalJoinKeepsBuffersTimersAndLateness(StateBackend backend) {
    assertRestoreIsSeamless(backend,
        () -> TwoInputOperatorHarness.forIntervalJoin(new Pair(), L::key, R::key,
            Duration.ofMillis(-3), Duration.ofMillis(5)),
        List.of(left("a", 1, 10), right("a", 2, 12), left("b", 3, 11), right("a", 4, 20),
            wm(9), left("a", 5, 18), right("b", 6, 9 + 5)),
        // left a@9 is late for the uninterrupted join (watermark 9): the restored one drops it too
        List.of(left("a", 7, 9), right("b", 8, 14), left("a", 9, 22), wm(15), right("a", 10, 21),
            right("b", 11, 16), wm(100)));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void intervalJoinRebuildsItsBufferCountOnRestore(StateBackend backend) {
    OperatorSnapshot snapshot;
    TwoInputOperatorHarness<L, R, String> first = TwoInputOperatorHarness.forIntervalJoin(
        new Pair(), L::key, R::key, Duration.ofMillis(-3), Duration.ofMillis(5))
        .stateBackend(backend);
    try (first) {
      first.open();
      first.processElement1(new L("a", 1), 10);
      first.processElement1(new L("a", 2), 10);
      first.processElement2(new R("b", 3), 12);
      first.processWatermark(5);
      snapshot = first.snapshot(7);
      assertThat(first.bufferedJoinRecords()).isEqualTo(3);
    }
    try (var restored = first.restoredFrom(snapshot)) {
      restored.open();
      assertThat(restored.bufferedJoinRecords()).isEqualTo(3);
      assertThat(restored.pendingEventTimeTimers()).isEqualTo(2);
      restored.processElement1(new L("a", 9), 4); // behind the restored watermark 5
      assertThat(restored.lateRecordsDropped()).isEqualTo(1);
      restored.processWatermark(100);
      assertThat(restored.bufferedJoinRecords()).isZero();
    }
  }
}
