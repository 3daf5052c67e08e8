package dev.runnel.test;

import static dev.runnel.test.OperatorInput.element;
import static dev.runnel.test.OperatorInput.watermark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.StateBackend;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.test.OperatorVerifier.Variant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier itself: that it runs its variants, and that it catches operators that break. */
class OperatorVerifierTest {
  record E(String key, long value) {}

  static final List<OperatorInput> INPUT = List.of(element(new E("a", 1), 1),
      element(new E("b", 2), 2), element(new E("a", 3), 3), watermark(3),
      element(new E("c", 4), 5), element(new E("b", 5), 6), element(new E("a", 6), 8));

  /** A per-key running sum in keyed state: correct. */
  static final class RunningSum extends KeyedProcessFunction<String, E, String> {
    private transient ValueState<Long> sum;

    @Override
    public void open(RuntimeContext ctx) {
      sum = ctx.getState(new ValueStateDescriptor<>("sum", Long.class));
    }

    @Override
    public void processElement(E e, Context<String> ctx, Collector<String> out) throws Exception {
      long next = (sum.value() == null ? 0 : sum.value()) + e.value();
      sum.update(next);
      out.collect(e.key() + "=" + next);
    }
  }

  /** The same sum per key, kept in a plain field: lost on restore. */
  static final class SumInAField extends KeyedProcessFunction<String, E, String> {
    private final Map<String, Long> sums = new HashMap<>();

    @Override
    public void processElement(E e, Context<String> ctx, Collector<String> out) {
      long next = sums.merge(e.key(), e.value(), Long::sum);
      out.collect(e.key() + "=" + next);
    }
  }

  /** Numbers what it emits with a counter shared by all keys: right only on one subtask. */
  static final class SharedCounter extends KeyedProcessFunction<String, E, String> {
    private transient ValueState<Long> seen;
    private long emitted;

    @Override
    public void open(RuntimeContext ctx) {
      seen = ctx.getState(new ValueStateDescriptor<>("seen", Long.class));
    }

    @Override
    public void processElement(E e, Context<String> ctx, Collector<String> out) throws Exception {
      seen.update(1L);
      out.collect(e.key() + "#" + emitted++);
    }
  }

  /**
   * Sums per key and emits the sum by an event-time timer 4 ms after a key's first element: what
   * it reports depends on which elements arrived before the watermark passed the timer.
   */
  static final class SumUntilTimer extends KeyedProcessFunction<String, E, String> {
    private transient ValueState<Long> sum;

    @Override
    public void open(RuntimeContext ctx) {
      sum = ctx.getState(new ValueStateDescriptor<>("sum", Long.class));
    }

    @Override
    public void processElement(E e, Context<String> ctx, Collector<String> out) throws Exception {
      if (sum.value() == null) {
        ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 4);
      }
      sum.update((sum.value() == null ? 0 : sum.value()) + e.value());
    }

    @Override
    public void onTimer(long time, OnTimerContext<String> ctx, Collector<String> out)
        throws Exception {
      out.collect(ctx.getCurrentKey() + "=" + sum.value());
      sum.clear();
    }
  }

  private static OperatorVerifier<String> verifier(KeyedProcessFunction<String, E, String> fn) {
    return OperatorVerifier.of(() -> OneInputOperatorHarness.forKeyedProcess(fn, E::key))
        .input(INPUT);
  }

  @Test
  void when_operatorIsCorrect_then_everyVariantRunsOnEveryBackendAndAgrees() {
    var result = verifier(new RunningSum())
        .expectOutput(List.of("a=1", "b=2", "a=4", "c=4", "b=7", "a=10")).verify();

    assertThat(result.output()).extracting(TimestampedValue::timestamp)
        .containsExactly(1L, 2L, 3L, 5L, 6L, 8L);
    for (String backend : List.of("heap", "rocksdb")) {
      for (Variant v : Variant.values()) {
        assertThat(result.runs()).anySatisfy(run -> assertThat(run).startsWith(v.name())
            .endsWith("on backend '" + backend + "'"));
      }
    }
  }

  @Test
  void when_stateIsKeptInAPlainField_then_theRestoreVariantReportsTheStepAndRecord() {
    assertThatThrownBy(() -> verifier(new SumInAField()).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("RESTORE_AFTER_EVERY_STEP")
        .hasMessageContaining("on backend 'heap'")
        // the second element of key a: the restored operator forgot a=1
        .hasMessageContaining("at step 2 of 9 (element E[key=a, value=3]@3)")
        .hasMessageContaining("first difference: a=4@3 is missing");
  }

  @Test
  void when_stateIsSharedAcrossKeys_then_theSplitVariantReportsIt() {
    assertThatThrownBy(() -> verifier(new SharedCounter())
        .skip(Variant.RESTORE_AFTER_EVERY_STEP, Variant.RESCALE_AFTER_EVERY_STEP).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SPLIT_ACROSS_SUBTASKS")
        .hasMessageMatching("(?s).*at step \\d+ of 9 .*first difference: \\w#\\d+@\\d+ is "
            + "missing.*");
  }

  @Test
  void when_outputDependsOnWatermarkPlacement_then_theWatermarkVariantsCatchItUnlessSkipped() {
    assertThatThrownBy(() -> verifier(new SumUntilTimer()).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("EXTRA_WATERMARKS")
        .hasMessageContaining("over the whole output");

    var result = verifier(new SumUntilTimer())
        .skip(Variant.EXTRA_WATERMARKS, Variant.NO_WATERMARKS).verify();
    assertThat(result.output()).extracting(TimestampedValue::value)
        .containsExactlyInAnyOrder("a=10", "b=7", "c=4");
  }

  @Test
  void when_expectedOutputDiffers_then_thePlainRunReportsIt() {
    assertThatThrownBy(() -> verifier(new RunningSum()).expectOutput(List.of("a=1")).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PLAIN")
        .hasMessageContaining("differs from the expected one");
  }

  @Test
  void when_operatorFails_then_theRunAndStepAreNamed() {
    MapFunction<Long, Long> failsOnThree = x -> {
      if (x == 3) {
        throw new IllegalStateException("three");
      }
      return x;
    };
    assertThatThrownBy(() -> OperatorVerifier.of(() -> OneInputOperatorHarness.forMap(failsOnThree))
        .input(element(1L), element(3L)).verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PLAIN")
        .hasMessageContaining("failed at step 1 (element 3)")
        .hasRootCauseMessage("three");
  }

  @Test
  void when_operatorIsNotKeyed_then_itRunsOnOneBackendWithoutSplitVariants() {
    MapFunction<Long, Long> twice = x -> 2 * x;
    var result = OperatorVerifier.of(() -> OneInputOperatorHarness.forMap(twice))
        .input(element(1L, 1), watermark(1), element(2L, 2)).verify();

    assertThat(result.output()).containsExactly(
        new TimestampedValue<>(2L, 1L), new TimestampedValue<>(4L, 2L));
    assertThat(result.runs()).allSatisfy(run -> assertThat(run).endsWith("'heap'"))
        .noneMatch(run -> run.startsWith("SPLIT") || run.startsWith("RESCALE"));
  }

  @Test
  void when_thereIsOneKeyGroup_then_nothingIsSplit() {
    var result = OperatorVerifier.of(() -> OneInputOperatorHarness
            .forKeyedProcess(new RunningSum(), E::key).maxParallelism(1))
        .input(INPUT).stateBackends(StateBackend.heap()).verify();
    assertThat(result.runs()).noneMatch(run -> run.startsWith("SPLIT") || run.startsWith("RESCALE"))
        .anyMatch(run -> run.startsWith("RESTORE"));
  }

  @Test
  void when_backendsAreGiven_then_onlyThoseAreUsed() {
    var result = verifier(new RunningSum()).stateBackends(StateBackend.heap()).verify();
    assertThat(result.runs()).allSatisfy(run -> assertThat(run).endsWith("'heap'"));
  }
}
