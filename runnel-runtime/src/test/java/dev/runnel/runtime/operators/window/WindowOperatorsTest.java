package dev.runnel.runtime.operators.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.functions.AggregateFunction;
import dev.runnel.api.functions.ReduceFunction;
import dev.runnel.api.internal.WindowDefinition;
import dev.runnel.api.window.CountTrigger;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.ProcessingTimeSessionWindows;
import dev.runnel.api.window.Trigger;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.api.window.Window;
import dev.runnel.api.window.WindowAssigner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which operator computes a window step. */
class WindowOperatorsTest {
  private static final ReduceFunction<Object> FIRST = (a, b) -> a;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static WindowDefinition definition(WindowAssigner<?, ?> assigner, boolean trigger,
      long lateness, ReduceFunction<Object> reduce, AggregateFunction<Object, Object, Object> agg) {
    return new WindowDefinition((WindowAssigner<Object, Window>) (WindowAssigner) assigner,
        trigger ? (Trigger) CountTrigger.of(2) : null, null, lateness, null,
        reduce, agg, null);
  }

  @Test
  void eventTimeSessionsWithAnIncrementalFunctionGoToTheSessionOperator() {
    var sessions = EventTimeSessionWindows.withGap(Duration.ofMillis(5));
    assertThat(WindowOperators.create(definition(sessions, false, 0, FIRST, null), k -> k))
        .isInstanceOf(SessionWindowOperator.class);
    // anything the session operator does not implement stays on the general one
    assertThat(WindowOperators.create(definition(sessions, true, 0, FIRST, null), k -> k))
        .isInstanceOf(WindowOperator.class);
    assertThat(WindowOperators.create(definition(sessions, false, 3, FIRST, null), k -> k))
        .isInstanceOf(WindowOperator.class);
    assertThat(WindowOperators.create(definition(sessions, false, 0, null, null), k -> k))
        .isInstanceOf(WindowOperator.class);
    assertThat(WindowOperators.create(definition(
        ProcessingTimeSessionWindows.withGap(Duration.ofMillis(5)), false, 0, FIRST, null), k -> k))
        .isInstanceOf(WindowOperator.class);
    assertThat(WindowOperators.create(definition(
        TumblingEventTimeWindows.of(Duration.ofMillis(5)), false, 0, FIRST, null), k -> k))
        .isInstanceOf(SlicingWindowOperator.class);
  }
}
