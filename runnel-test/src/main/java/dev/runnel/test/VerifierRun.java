package dev.runnel.test;

import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.state.StateBackend;
import dev.runnel.runtime.state.KeyGroups;
import dev.runnel.test.OperatorInput.Kind;
import dev.runnel.test.RecordingOutput.Emitted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * One run of {@link OperatorVerifier}: feeds an input to an operator that runs as one or more
 * subtasks of fresh harnesses, optionally snapshotting every subtask after every step and
 * restoring the snapshots into brand-new operators (at the same or another parallelism), and
 * records what was emitted at each step.
 *
 * <p>An element goes to the subtask that owns its key, as a job's key-by sends it; a watermark and
 * a processing-time move go to every subtask. The watermark recorded is the one a downstream
 * operator would see: the minimum over the subtasks, when it advances. After a restore, a
 * two-input operator's inputs get their last watermark again, as a restored job's upstream sends
 * it, since the restored harness's per-input watermarks start from none.
 */
final class VerifierRun<O> {
  /** What was emitted at one step: records of every subtask, and the watermarks that advanced. */
  record StepOutput(List<Emitted> records, List<Long> watermarks) {}

  private final Supplier<? extends AbstractOperatorHarness<O, ?>> create;
  private final StateBackend backend;
  private final String label;

  private List<AbstractOperatorHarness<O, ?>> subtasks = new ArrayList<>();
  private List<KeySelector<Object, Object>> selectors;
  private int maxParallelism;
  private int inputCount;
  private long[] subtaskWatermarks;
  private long emittedWatermark = Long.MIN_VALUE;
  private final long[] lastInputWatermark = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
  private long checkpointId = 0;

  /**
   * @param label the variant and backend, as failure messages name them
   */
  VerifierRun(Supplier<? extends AbstractOperatorHarness<O, ?>> create, StateBackend backend,
      String label) {
    this.create = create;
    this.backend = backend;
    this.label = label;
  }

  /**
   * Runs {@code steps} (and the end of input, if {@code endInput}) on {@code parallelism}
   * subtasks. With {@code rescale} non-null, every subtask is snapshotted after every step but the
   * last, and the snapshots restored into {@code rescale.applyAsInt(step index)} new subtasks.
   *
   * @return per step (and one more for the end of input) what was emitted
   * @throws AssertionError naming the run and the step if the operator fails
   */
  List<StepOutput> run(List<OperatorInput> steps, boolean endInput, int parallelism,
      IntUnaryOperator rescale) {
    List<StepOutput> out = new ArrayList<>();
    int step = -1;
    boolean failed = true;
    try {
      start(parallelism);
      for (step = 0; step < steps.size(); step++) {
        OperatorInput input = steps.get(step);
        feed(input);
        out.add(collect());
        boolean last = step == steps.size() - 1 && !endInput;
        if (rescale != null && !last) {
          restore(rescale.applyAsInt(step));
        }
      }
      if (endInput) {
        for (AbstractOperatorHarness<O, ?> h : subtasks) {
          h.endInput();
        }
        out.add(collect());
      }
      failed = false;
      return out;
    } catch (RuntimeException e) {
      String where = step < 0 ? "when opening" : step < steps.size()
          ? "at step " + step + " (" + steps.get(step) + ")" : "at the end of input";
      throw new AssertionError(label + ": the operator failed " + where + ": " + e, e);
    } finally {
      try {
        closeAll();
      } catch (RuntimeException e) {
        if (!failed) {
          throw new AssertionError(label + ": the operator failed when closing: " + e, e);
        } // else the failure on its way says more than one in closing after it
      }
    }
  }

  private void start(int parallelism) {
    for (int i = 0; i < parallelism; i++) {
      AbstractOperatorHarness<O, ?> h = create.get();
      h.stateBackend(backend).subtask(i, parallelism);
      subtasks.add(h);
    }
    AbstractOperatorHarness<O, ?> first = subtasks.get(0);
    maxParallelism = first.maxParallelismValue();
    inputCount = first.inputCount();
    selectors = new ArrayList<>();
    selectors.add(null);
    for (int input = 1; input <= inputCount; input++) {
      selectors.add(first.isKeyed() ? first.keySelectorOf(input) : null);
    }
    openAll();
  }

  private void openAll() {
    subtaskWatermarks = new long[subtasks.size()];
    Arrays.fill(subtaskWatermarks, Long.MIN_VALUE);
    for (AbstractOperatorHarness<O, ?> h : subtasks) {
      h.open();
    }
  }

  private void feed(OperatorInput input) {
    if (input.kind == Kind.ELEMENT) {
      subtasks.get(ownerOf(input)).processInput(input.input, input.value, input.time);
      return;
    }
    if (input.kind == Kind.WATERMARK) {
      for (int i = 1; i <= inputCount; i++) {
        if (input.input == 0 || input.input == i) {
          lastInputWatermark[i] = Math.max(lastInputWatermark[i], input.time);
        }
      }
    }
    for (AbstractOperatorHarness<O, ?> h : subtasks) {
      input.applyTo(h);
    }
  }

  /** The subtask a job's key-by would send the element to; 0 when not keyed or of one subtask. */
  private int ownerOf(OperatorInput element) {
    KeySelector<Object, Object> selector = selectors.get(element.input);
    if (selector == null || subtasks.size() == 1) {
      return 0;
    }
    Object key;
    try {
      key = selector.getKey(element.value);
    } catch (Exception e) {
      return 0; // the operator runs the selector too, and fails on the record as a job would
    }
    return key == null ? 0 : KeyGroups.subtaskOf(
        KeyGroups.keyGroupOf(key, maxParallelism), maxParallelism, subtasks.size());
  }

  private StepOutput collect() {
    List<Emitted> records = new ArrayList<>();
    List<Long> watermarks = new ArrayList<>();
    for (int i = 0; i < subtasks.size(); i++) {
      RecordingOutput.Emissions e = subtasks.get(i).takeEmissions();
      records.addAll(e.records());
      for (long w : e.watermarks()) {
        subtaskWatermarks[i] = Math.max(subtaskWatermarks[i], w);
      }
    }
    long combined = Long.MAX_VALUE;
    for (long w : subtaskWatermarks) {
      combined = Math.min(combined, w);
    }
    if (combined > emittedWatermark) {
      emittedWatermark = combined;
      watermarks.add(combined);
    }
    return new StepOutput(records, watermarks);
  }

  private void restore(int newParallelism) {
    int parallelism = Math.min(newParallelism, maxParallelism);
    checkpointId++;
    List<OperatorSnapshot> snapshots = new ArrayList<>();
    for (AbstractOperatorHarness<O, ?> h : subtasks) {
      snapshots.add(h.snapshot(checkpointId));
    }
    AbstractOperatorHarness<O, ?> template = subtasks.get(0);
    closeAll();
    List<AbstractOperatorHarness<O, ?>> restored = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      restored.add(template.restoredFrom(snapshots).subtask(i, parallelism));
    }
    subtasks = restored;
    long[] before = subtaskWatermarks;
    openAll();
    if (before.length == subtasks.size()) {
      subtaskWatermarks = before; // the same subtasks, so the same watermarks emitted so far
    }
    for (OperatorSnapshot s : snapshots) {
      AbstractOperatorHarness.TempDirectories.delete(s.directory());
    }
    if (inputCount == 2) {
      for (int input = 1; input <= 2; input++) {
        if (lastInputWatermark[input] != Long.MIN_VALUE) {
          for (AbstractOperatorHarness<O, ?> h : subtasks) {
            h.processWatermarkOf(input, lastInputWatermark[input]);
          }
        }
      }
    }
  }

  private void closeAll() {
    RuntimeException failure = null;
    for (AbstractOperatorHarness<O, ?> h : subtasks) {
      try {
        h.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    subtasks = new ArrayList<>();
    if (failure != null) {
      throw failure;
    }
  }
}
