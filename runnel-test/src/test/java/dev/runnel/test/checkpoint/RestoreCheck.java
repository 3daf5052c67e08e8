package dev.runnel.test.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.state.StateBackend;
import dev.runnel.runtime.state.KeyGroups;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.StateBackends;
import dev.runnel.test.AbstractOperatorHarness;
import dev.runnel.test.OperatorSnapshot;
import dev.runnel.test.TimestampedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The check every stateful operator's snapshot/restore test makes: input A, a snapshot, a new
 * operator restored from it, input B; everything emitted must equal what one uninterrupted
 * operator emits for A then B. To show the restore is what makes the difference, a fresh operator
 * fed only B must emit something else.
 *
 * <p>Timers (or due keys) of different keys at the same time fire in an order that depends on how
 * they were registered, which a restore changes; so outputs are compared as a sequence of runs of
 * equal timestamp, each run as a multiset.
 */
final class RestoreCheck {
  private RestoreCheck() {}

  /** Every state backend on the test classpath: the heap, and RocksDB when its module is there. */
  static Stream<StateBackend> backends() {
    return StateBackends.all().stream().map(KeyedStateBackendFactory::defaultConfiguration);
  }

  /** One input step of a harness (an element, a watermark, a clock move). */
  interface Step<H> extends Consumer<H> {}

  static <O, H extends AbstractOperatorHarness<O, H>> void assertRestoreIsSeamless(
      StateBackend backend, Supplier<H> create, List<Step<H>> inputA, List<Step<H>> inputB) {
    List<TimestampedValue<O>> expected;
    try (H uninterrupted = create.get().stateBackend(backend)) {
      uninterrupted.open();
      inputA.forEach(s -> s.accept(uninterrupted));
      inputB.forEach(s -> s.accept(uninterrupted));
      expected = uninterrupted.outputWithTimestamps();
    }

    List<TimestampedValue<O>> actual = new ArrayList<>();
    OperatorSnapshot snapshot;
    H first = create.get().stateBackend(backend);
    try (first) {
      first.open();
      inputA.forEach(s -> s.accept(first));
      actual.addAll(first.outputWithTimestamps());
      snapshot = first.snapshot(1);
    }
    assertThat(snapshot.stateBackend()).isEqualTo(backend.name());
    List<TimestampedValue<O>> afterRestore;
    try (H restored = first.restoredFrom(snapshot)) {
      restored.open();
      inputB.forEach(s -> s.accept(restored));
      afterRestore = restored.outputWithTimestamps();
      actual.addAll(afterRestore);
    }
    assertThat(normalize(actual)).as("output of A, restore, B").isEqualTo(normalize(expected));

    try (H fresh = create.get().stateBackend(backend)) {
      fresh.open();
      inputB.forEach(s -> s.accept(fresh));
      assertThat(normalize(fresh.outputWithTimestamps()))
          .as("a fresh operator fed only B must differ, or the test does not exercise the restore")
          .isNotEqualTo(normalize(afterRestore));
    }
  }

  /** Runs of equal timestamp, in order; each run's values sorted by their text. */
  static <O> List<Object> normalize(List<TimestampedValue<O>> output) {
    List<Object> runs = new ArrayList<>();
    List<String> run = null;
    Long runTimestamp = null;
    for (TimestampedValue<O> v : output) {
      if (run == null || !java.util.Objects.equals(runTimestamp, v.timestamp())) {
        if (run != null) {
          runs.add(runTimestamp + ":" + run.stream().sorted().toList());
        }
        run = new ArrayList<>();
        runTimestamp = v.timestamp();
      }
      run.add(String.valueOf(v.value()));
    }
    if (run != null) {
      runs.add(runTimestamp + ":" + run.stream().sorted().toList());
    }
    return runs;
  }

  /** The output as a multiset (value and timestamp, with counts), for runs split over subtasks. */
  static <O> TreeMap<String, Integer> multiset(List<TimestampedValue<O>> output) {
    TreeMap<String, Integer> counts = new TreeMap<>();
    for (TimestampedValue<O> v : output) {
      counts.merge(v.timestamp() + ":" + v.value(), 1, Integer::sum);
    }
    return counts;
  }

  /** The subtask of {@code parallelism} that owns {@code key}, with the default 128 key groups. */
  static int ownerOf(Object key, int parallelism) {
    return KeyGroups.subtaskOf(KeyGroups.keyGroupOf(key, 128), 128, parallelism);
  }
}
