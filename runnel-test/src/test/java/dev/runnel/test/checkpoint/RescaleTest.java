package dev.runnel.test.checkpoint;

import static dev.runnel.test.checkpoint.RestoreCheck.multiset;
import static dev.runnel.test.checkpoint.RestoreCheck.ownerOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.KeyedStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.state.StateBackend;
import dev.runnel.api.window.SlidingEventTimeWindows;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.OperatorSnapshot;
import dev.runnel.test.TimestampedValue;
import dev.runnel.test.checkpoint.OneInputSnapshotRestoreTest.DelayedSum;
import dev.runnel.test.checkpoint.OneInputSnapshotRestoreTest.Describe;
import dev.runnel.test.checkpoint.OneInputSnapshotRestoreTest.E;
import dev.runnel.test.checkpoint.OneInputSnapshotRestoreTest.Sum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restoring at another parallelism: two subtasks' snapshots into one subtask, and one snapshot
 * split over two. Keyed state, timers and due-key indexes must follow their key groups, so that
 * the results are those of one uninterrupted subtask.
 */
class RescaleTest {
  /** An element (to the subtask owning its key) or a watermark (to every subtask). */
  record In(E element, long timestamp, boolean watermark) {
    static In el(String key, long value, long timestamp) {
      return new In(new E(key, value), timestamp, false);
    }

    static In wm(long watermark) {
      return new In(null, watermark, true);
    }
  }

  static final List<In> A = List.of(In.el("a", 1, 1), In.el("b", 2, 3), In.el("c", 3, 12),
      In.el("d", 4, 4), In.el("e", 5, 13), In.wm(9), In.el("f", 6, 15), In.el("a", 7, 18),
      In.el("b", 8, 11), In.el("g", 9, 14), In.el("h", 10, 16));
  /** With late elements (behind watermark 9) of keys of both subtasks at parallelism 2. */
  static final List<In> B = List.of(In.el("c", 11, 19), In.el("d", 12, 17), In.el("a", 13, 4),
      In.el("d", 20, 2), In.wm(19), In.el("e", 14, 22), In.el("h", 15, 24), In.wm(40), In.el("f", 16, 45),
      In.wm(100));

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Supplier<OneInputOperatorHarness<E, Object>> step(
      Function<KeyedStream<String, E>, DataStream<?>> build) {
    return () -> {
      StreamEnvironment env = StreamEnvironment.create();
      return (OneInputOperatorHarness) OneInputOperatorHarness.forStep(
          build.apply(env.fromElements(new E("x", 0)).keyBy(E::key)));
    };
  }

  static Stream<Arguments> operators() {
    List<Arguments> all = new ArrayList<>();
    RestoreCheck.backends().forEach(backend -> {
      all.add(Arguments.of(backend, "keyed process with timers",
          step(s -> s.process(new DelayedSum()))));
      all.add(Arguments.of(backend, "tumbling window",
          step(s -> s.window(TumblingEventTimeWindows.of(Duration.ofMillis(10)))
              .process(new Describe()))));
      all.add(Arguments.of(backend, "sliced sliding window",
          step(s -> s.window(SlidingEventTimeWindows.of(Duration.ofMillis(20),
              Duration.ofMillis(5))).allowedLateness(Duration.ofMillis(6))
              .aggregate(new Sum()))));
    });
    return all.stream();
  }

  private static void feed(List<In> input, List<OneInputOperatorHarness<E, Object>> subtasks) {
    for (In in : input) {
      if (in.watermark()) {
        subtasks.forEach(h -> h.processWatermark(in.timestamp()));
      } else {
        subtasks.get(ownerOf(in.element().key(), subtasks.size()))
            .processElement(in.element(), in.timestamp());
      }
    }
  }

  private static List<TimestampedValue<Object>> uninterrupted(StateBackend backend,
      Supplier<OneInputOperatorHarness<E, Object>> create) {
    try (var h = create.get().stateBackend(backend)) {
      h.open();
      feed(A, List.of(h));
      feed(B, List.of(h));
      return h.outputWithTimestamps();
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("operators")
  void twoSubtasksRestoreIntoOne(StateBackend backend, String name,
      Supplier<OneInputOperatorHarness<E, Object>> create) {
    Set<Integer> owners = new HashSet<>();
    A.stream().filter(i -> !i.watermark()).forEach(i -> owners.add(ownerOf(i.element().key(), 2)));
    assertThat(owners).as("A has keys of both subtasks").containsExactlyInAnyOrder(0, 1);

    List<TimestampedValue<Object>> actual = new ArrayList<>();
    List<OperatorSnapshot> snapshots = new ArrayList<>();
    List<OneInputOperatorHarness<E, Object>> two = List.of(
        create.get().stateBackend(backend).subtask(0, 2),
        create.get().stateBackend(backend).subtask(1, 2));
    for (var h : two) {
      h.open();
    }
    feed(A, two);
    for (var h : two) {
      actual.addAll(h.outputWithTimestamps());
      snapshots.add(h.snapshot(3));
      h.close();
    }
    assertThat(snapshots.get(0).keyGroups()).isNotEqualTo(snapshots.get(1).keyGroups());

    try (var one = two.get(0).restoredFrom(snapshots).subtask(0, 1)) {
      one.open();
      feed(B, List.of(one));
      actual.addAll(one.outputWithTimestamps());
    }
    assertThat(multiset(actual)).isEqualTo(multiset(uninterrupted(backend, create)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("operators")
  void oneSubtaskSplitsIntoTwo(StateBackend backend, String name,
      Supplier<OneInputOperatorHarness<E, Object>> create) {
    List<TimestampedValue<Object>> actual = new ArrayList<>();
    OperatorSnapshot snapshot;
    OneInputOperatorHarness<E, Object> one = create.get().stateBackend(backend);
    try (one) {
      one.open();
      feed(A, List.of(one));
      actual.addAll(one.outputWithTimestamps());
      snapshot = one.snapshot(5);
    }

    List<OneInputOperatorHarness<E, Object>> two = List.of(
        one.restoredFrom(List.of(snapshot)).subtask(0, 2),
        one.restoredFrom(List.of(snapshot)).subtask(1, 2));
    try {
      for (var h : two) {
        h.open();
      }
      feed(B, two);
      for (var h : two) {
        assertThat(h.output()).as("each new subtask fires what it restored").isNotEmpty();
        actual.addAll(h.outputWithTimestamps());
      }
    } finally {
      two.forEach(OneInputOperatorHarness::close);
    }
    assertThat(multiset(actual)).isEqualTo(multiset(uninterrupted(backend, create)));
  }
}
