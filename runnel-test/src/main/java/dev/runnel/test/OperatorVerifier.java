package dev.runnel.test;

import dev.runnel.api.annotation.Public;
import dev.runnel.api.state.StateBackend;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.StateBackends;
import dev.runnel.test.VerifierRun.StepOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs an operator over one input many times, each time in a way that a job may run it (restored
 * after every element, split over subtasks, with watermarks earlier or later), and asserts that it
 * emits the same each time. So a test that gives an operator an input and its expected output
 * checks snapshot/restore, rescaling and watermark handling without writing those tests by hand.
 *
 * <pre>{@code
 * OperatorVerifier.of(
 *         () -> OneInputOperatorHarness.forKeyedProcess(new RunningTotal(), Order::user))
 *     .input(
 *         OperatorInput.element(new Order("ann", 10), 1),
 *         OperatorInput.element(new Order("bob", 5), 2),
 *         OperatorInput.watermark(2),
 *         OperatorInput.element(new Order("ann", 7), 3))
 *     .expectOutput(List.of(new Total("ann", 10), new Total("bob", 5), new Total("ann", 17)))
 *     .verify();
 * }</pre>
 *
 * <p><b>The runs</b>, each a {@link Variant}, on every state backend given ({@link
 * #stateBackends}; by default every one on the classpath, so the heap and, with {@code
 * runnel-rocksdb} there, RocksDB). A keyed operator runs every variant on every backend; one that
 * is not keyed has no keyed state, so it runs on the first backend only. The reference is the
 * {@link Variant#PLAIN} run on the first backend: its main output must equal {@link #expectOutput}
 * when given, and every other run must emit what it emitted, in the way its variant says. A run
 * that cannot differ from the plain one (no watermark to move, an operator that is not keyed) is
 * left out, and {@link Result#runs()} lists the runs made.
 *
 * <p><b>What "the same" is.</b> The records of every output (main and side outputs) with their
 * timestamps, compared by {@code equals}. Step by step for the variants that keep the input as it
 * is: each step (an element, a watermark, a clock move, the end of input) must emit the same
 * records, in any order within the step (timers of different keys due at one time fire in an order
 * that a restore or a split changes), and the watermark a downstream operator would see must move
 * at the same steps. The variants that move watermarks move results to other steps, so they
 * compare the whole output, in any order. A failure names the variant, the backend, the step (its
 * index and what it was) and the first differing record.
 *
 * <p><b>The input</b> is a list of {@link OperatorInput} steps. By default it ends as a bounded
 * job's input does, with the watermark {@code Long.MAX_VALUE} to every input and then the end of
 * input ({@code finish()}), so that whatever an operator holds back is emitted; {@link
 * #inputEnds(boolean) inputEnds(false)} leaves it open.
 *
 * <p><b>Not yet: an output that takes one record at a time.</b> An operator's output accepts every
 * record it is given today ({@code Output.emit} returns nothing), so there is no way for an
 * operator to stop and resume its emission, and no variant to check that it does. A one-slot output
 * variant comes with the cooperative emission contract (issue 16, item 1).
 *
 * <p>Each call to {@link #verify} runs everything afresh: harnesses from the supplier, new
 * checkpoint folders (removed as the runs go on), new state backends. Not thread-safe.
 *
 * @param <O> main output type
 */
@Public
public final class OperatorVerifier<O> {
  /** The ways the verifier runs an operator. */
  public enum Variant {
    /** The input as given, one subtask. */
    PLAIN("the input as given"),
    /**
     * After every step, a snapshot of the operator, then a brand-new operator restored from it:
     * finds state kept in plain fields, state or timers left out of snapshots, and state that does
     * not read back as it was written.
     */
    RESTORE_AFTER_EVERY_STEP("snapshot, new operator, restore after every step"),
    /**
     * After every step, snapshots of every subtask restored into another number of subtasks (2, 3,
     * 1, 2, ...), each taking the key groups it owns then; outputs of all subtasks merged. Keyed
     * operators only: finds state and timers that do not follow their key groups.
     */
    RESCALE_AFTER_EVERY_STEP("snapshot, restore at parallelism 2, 3, 1, ... after every step"),
    /**
     * The input split over two subtasks by key group, as a job's key-by sends it, watermarks and
     * clock to both; outputs merged. Keyed operators only: finds state shared across keys.
     */
    SPLIT_ACROSS_SUBTASKS("elements split across two subtasks by key group"),
    /**
     * After every element, the highest watermark (per input) that makes no later element late and
     * passes no watermark the input reaches later anyway. Applies to operators whose output does
     * not depend on where watermarks fall between elements, only on which elements are late:
     * windows, joins, timers that read state only up to their time. A keyed process function that
     * reports "what arrived until my timer fired" depends on it; skip this variant for it.
     */
    EXTRA_WATERMARKS("a watermark as early as allowed after every element"),
    /**
     * No watermark but the final one at the end of input; only when no element of the input is at
     * or behind a watermark before it (dropping that watermark would make a late element on time)
     * and the input ends. Applies to the same operators as {@link #EXTRA_WATERMARKS}.
     */
    NO_WATERMARKS("no watermark before the end of input");

    private final String description;

    Variant(String description) {
      this.description = description;
    }

    /** What the variant does to the run, in a few words. */
    public String description() {
      return description;
    }
  }

  /**
   * What {@link #verify} found the same in every run.
   *
   * @param output the reference run's main output, with timestamps
   * @param runs the runs made, as "variant on backend"
   */
  public record Result<O>(List<TimestampedValue<O>> output, List<String> runs) {}

  /** The parallelism of {@link Variant#RESCALE_AFTER_EVERY_STEP} after each step, in turn. */
  private static final int[] RESCALE_CYCLE = {2, 3, 1};

  private final Supplier<? extends AbstractOperatorHarness<O, ?>> harnesses;
  private List<OperatorInput> input = List.of();
  private List<O> expectedOutput;
  private List<StateBackend> backends;
  private final Set<Variant> variants = EnumSet.allOf(Variant.class);
  private boolean inputEnds = true;

  private OperatorVerifier(Supplier<? extends AbstractOperatorHarness<O, ?>> harnesses) {
    this.harnesses = harnesses;
  }

  /**
   * A verifier of the operator that {@code harnesses} drives: it must return a new, unopened
   * harness at every call, as {@code () -> OneInputOperatorHarness.forMap(fn)} does. The harness's
   * own configuration (max parallelism, operator name, watermark interval) is kept; the verifier
   * sets its subtask and state backend.
   */
  public static <O> OperatorVerifier<O> of(
      Supplier<? extends AbstractOperatorHarness<O, ?>> harnesses) {
    return new OperatorVerifier<>(Objects.requireNonNull(harnesses, "harnesses"));
  }

  /** The input to replay, in order. */
  public OperatorVerifier<O> input(List<OperatorInput> steps) {
    this.input = List.copyOf(steps);
    return this;
  }

  /** The input to replay, in order. */
  public OperatorVerifier<O> input(OperatorInput... steps) {
    return input(Arrays.asList(steps));
  }

  /**
   * The main output's values the plain run must emit, in its order (without it, only the runs'
   * agreement is checked; {@link Result#output()} gives the output to assert on).
   */
  public OperatorVerifier<O> expectOutput(List<O> values) {
    this.expectedOutput = List.copyOf(values);
    return this;
  }

  /** The backends to run on, the first giving the reference run. Default: all on the classpath. */
  public OperatorVerifier<O> stateBackends(StateBackend... backends) {
    if (backends.length == 0) {
      throw new IllegalArgumentException("stateBackends(...) needs at least one backend");
    }
    for (StateBackend b : backends) {
      StateBackends.factoryFor(b); // fails now, naming the backends there are, if unknown
    }
    this.backends = List.of(backends);
    return this;
  }

  /**
   * Leaves out {@code skipped}: for an operator whose output depends on where watermarks fall,
   * say, the two watermark variants. {@link Variant#PLAIN} cannot be skipped.
   */
  public OperatorVerifier<O> skip(Variant... skipped) {
    for (Variant v : skipped) {
      if (v == Variant.PLAIN) {
        throw new IllegalArgumentException("the plain run is the reference: it cannot be skipped");
      }
      variants.remove(v);
    }
    return this;
  }

  /**
   * Whether the input ends after the given steps (default true): the final watermark {@code
   * Long.MAX_VALUE} to every input, then the end of input, as in a bounded job.
   */
  public OperatorVerifier<O> inputEnds(boolean ends) {
    this.inputEnds = ends;
    return this;
  }

  /**
   * Makes every run and compares it with the reference.
   *
   * @throws AssertionError if a run differs from the reference, the reference's output from
   *     {@link #expectOutput}, or the operator fails in a run; the message names the variant, the
   *     backend, the step and the first difference
   */
  public Result<O> verify() {
    AbstractOperatorHarness<O, ?> probe = harnesses.get();
    // Splitting needs two subtasks with key groups of their own.
    boolean splits = probe.isKeyed() && probe.maxParallelismValue() >= 2;
    boolean keyed = probe.isKeyed();
    int inputs = probe.inputCount();
    probe.close();
    List<OperatorInput> steps = new ArrayList<>(input);
    if (inputEnds) {
      steps.add(OperatorInput.watermark(Long.MAX_VALUE));
    }
    List<StateBackend> onBackends = backends != null ? backends
        : StateBackends.all().stream().map(KeyedStateBackendFactory::defaultConfiguration).toList();
    if (!keyed) {
      onBackends = onBackends.subList(0, 1);
    }

    StateBackend first = onBackends.get(0);
    List<StepOutput> reference = new VerifierRun<>(harnesses, first,
        label(Variant.PLAIN, first) + " (the reference)").run(steps, inputEnds, 1, null);
    List<TimestampedValue<O>> output = mainOutput(reference);
    if (expectedOutput != null) {
      List<Object> values = output.stream().map(v -> (Object) v.value()).toList();
      if (!values.equals(expectedOutput)) {
        throw new AssertionError(label(Variant.PLAIN, first) + ": the main output differs from "
            + "the expected one:\n  expected " + expectedOutput + "\n  but was  " + values);
      }
    }

    List<OperatorInput> extraWatermarks = WatermarkPlacement.withExtraWatermarks(steps, inputs);
    List<OperatorInput> noWatermarks =
        WatermarkPlacement.withoutWatermarks(input, inputs, inputEnds);
    List<String> runs = new ArrayList<>();
    runs.add(label(Variant.PLAIN, first));
    for (StateBackend backend : onBackends) {
      for (Variant variant : variants) {
        if (variant == Variant.PLAIN && backend == first) {
          continue;
        }
        String label = label(variant, backend);
        VerifierRun<O> run = new VerifierRun<>(harnesses, backend, label);
        String difference;
        switch (variant) {
          case PLAIN -> difference = OutputComparison.stepByStep(
              steps, reference, run.run(steps, inputEnds, 1, null));
          case RESTORE_AFTER_EVERY_STEP -> difference = OutputComparison.stepByStep(
              steps, reference, run.run(steps, inputEnds, 1, step -> 1));
          case RESCALE_AFTER_EVERY_STEP -> {
            if (!splits) {
              continue;
            }
            difference = OutputComparison.stepByStep(steps, reference, run.run(steps, inputEnds,
                1, step -> RESCALE_CYCLE[step % RESCALE_CYCLE.length]));
          }
          case SPLIT_ACROSS_SUBTASKS -> {
            if (!splits) {
              continue;
            }
            difference = OutputComparison.stepByStep(
                steps, reference, run.run(steps, inputEnds, 2, null));
          }
          case EXTRA_WATERMARKS -> {
            if (extraWatermarks == steps) {
              continue;
            }
            difference = OutputComparison.wholeOutput(steps, reference, extraWatermarks,
                run.run(extraWatermarks, inputEnds, 1, null));
          }
          case NO_WATERMARKS -> {
            if (noWatermarks == null) {
              continue;
            }
            List<OperatorInput> withFinal = new ArrayList<>(noWatermarks);
            withFinal.add(OperatorInput.watermark(Long.MAX_VALUE));
            difference = OutputComparison.wholeOutput(steps, reference, withFinal,
                run.run(withFinal, inputEnds, 1, null));
          }
          default -> throw new AssertionError(variant);
        }
        runs.add(label);
        if (difference != null) {
          throw new AssertionError(label + " differs from the plain run " + difference);
        }
      }
    }
    return new Result<>(output, List.copyOf(runs));
  }

  private static String label(Variant variant, StateBackend backend) {
    return variant + " (" + variant.description() + ") on backend '" + backend.name() + "'";
  }

  @SuppressWarnings("unchecked")
  private static <O> List<TimestampedValue<O>> mainOutput(List<StepOutput> run) {
    List<TimestampedValue<O>> out = new ArrayList<>();
    for (StepOutput s : run) {
      for (RecordingOutput.Emitted r : s.records()) {
        if (r.output().equals(RecordingOutput.MAIN)) {
          out.add(new TimestampedValue<>((O) r.value(), r.timestamp()));
        }
      }
    }
    return List.copyOf(out);
  }
}
