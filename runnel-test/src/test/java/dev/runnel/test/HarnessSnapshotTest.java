package dev.runnel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.state.StateBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harnesses' snapshot and restore API: what it records, and what it refuses. */
class HarnessSnapshotTest {
  record E(String key, long value) {}

  /** Sets timers at value and value + 100; an element of value 0 deletes the key's first timer. */
  static final class Timers extends KeyedProcessFunction<String, E, String> {
    @Override
    public void processElement(E e, Context<String> ctx, Collector<String> out) {
      if (e.value() == 0) {
        ctx.timerService().deleteEventTimeTimer(5);
        return;
      }
      ctx.timerService().registerEventTimeTimer(e.value());
      ctx.timerService().registerEventTimeTimer(e.value() + 100);
    }

    @Override
    public void onTimer(long time, OnTimerContext<String> ctx, Collector<String> out) {
      out.collect(ctx.getCurrentKey() + "@" + time);
    }
  }

  private static OneInputOperatorHarness<E, String> timers() {
    return OneInputOperatorHarness.forKeyedProcess(new Timers(), E::key);
  }

  @Test
  void when_restored_then_liveTimersFireAndDeletedOnesDoNot() {
    OperatorSnapshot snapshot;
    var first = timers().maxParallelism(16);
    try (first) {
      first.open();
      first.processElement(new E("a", 5), 1);
      first.processElement(new E("b", 7), 1);
      first.processElement(new E("a", 0), 1); // deletes a@5
      snapshot = first.snapshot(42);
    }
    assertThat(snapshot.checkpointId()).isEqualTo(42);
    assertThat(snapshot.maxParallelism()).isEqualTo(16);
    assertThat(snapshot.keyGroups()).isNotNull();
    assertThat(snapshot.keyedState()).isNotNull();
    assertThat(snapshot.directory()).isDirectory();
    try (var restored = first.restoredFrom(snapshot)) {
      restored.open();
      restored.processWatermark(1_000);
      assertThat(restored.output()).containsExactlyInAnyOrder("b@7", "a@105", "b@107");
    }
  }

  @Test
  void when_notOpen_then_snapshotIsRefused() {
    try (var h = timers()) {
      assertThatThrownBy(() -> h.snapshot(1)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("call open() first");
    }
  }

  @Test
  void when_backendIsUnknown_then_itIsRefusedWithTheAvailableOnes() {
    StateBackend unknown = () -> "no-such-backend";
    assertThatThrownBy(() -> timers().stateBackend(unknown))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heap");
  }

  @Test
  void when_snapshotsComeFromDifferentRuns_then_restoreIsRefused() {
    OperatorSnapshot ofOne;
    OperatorSnapshot ofTwo;
    try (var one = timers(); var two = timers().subtask(1, 2)) {
      one.open();
      two.open();
      ofOne = one.snapshot(1);
      ofTwo = two.snapshot(1);
    }
    assertThatThrownBy(() -> timers().restoreFrom(List.of(ofOne, ofTwo)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
    var otherKeyGroups = timers().maxParallelism(64).restoreFrom(ofOne);
    assertThatThrownBy(otherKeyGroups::open).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("max parallelism");
  }

  @Test
  void when_operatorIsNotKeyed_then_itSnapshotsAndRestoresWithoutKeyedState() {
    MapFunction<Long, Long> twice = x -> 2 * x;
    var first = OneInputOperatorHarness.forMap(twice);
    OperatorSnapshot snapshot;
    try (first) {
      first.open();
      first.processElement(1L);
      snapshot = first.snapshot(1);
    }
    assertThat(snapshot.keyedState()).isNull();
    assertThat(snapshot.keyGroups()).isNull();
    try (var restored = first.restoredFrom(snapshot)) {
      restored.open();
      restored.processElement(4L);
      assertThat(restored.output()).containsExactly(8L);
    }
  }
}
