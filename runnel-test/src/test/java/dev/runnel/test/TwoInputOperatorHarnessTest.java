package dev.runnel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.CoProcessFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedCoProcessFunction;
import dev.runnel.api.functions.ProcessJoinFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TwoInputOperatorHarnessTest {
  static final OutputTag<String> NUMBERS = new OutputTag<>("numbers");

  /** Strings to the main output, numbers to a side output; fails on a negative number. */
  static final class Split extends CoProcessFunction<String, Integer, String> {
    @Override
    public void processElement1(String s, Context ctx, Collector<String> out) {
      out.collect(s + "@" + ctx.timestamp());
    }

    @Override
    public void processElement2(Integer i, Context ctx, Collector<String> out) {
      if (i < 0) {
        throw new IllegalArgumentException("negative: " + i);
      }
      ctx.output(NUMBERS, "#" + i);
    }
  }

  /** Remembers a limit per key from input 1; input 2 values over it are reported at 10 ms after. */
  static final class Limit extends KeyedCoProcessFunction<String, String, String, String> {
    private transient ValueState<Integer> limit;
    private transient ValueState<String> over;

    @Override
    public void open(RuntimeContext ctx) {
      limit = ctx.getState(new ValueStateDescriptor<>("limit", Integer.class));
      over = ctx.getState(new ValueStateDescriptor<>("over", String.class));
    }

    @Override
    public void processElement1(String rule, Context<String> ctx, Collector<String> out)
        throws Exception {
      limit.update(Integer.parseInt(rule.split("=")[1]));
    }

    @Override
    public void processElement2(String value, Context<String> ctx, Collector<String> out)
        throws Exception {
      int v = Integer.parseInt(value.split("=")[1]);
      if (limit.value() != null && v > limit.value()) {
        over.update(value);
        ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 10);
      }
    }

    @Override
    public void onTimer(long ts, OnTimerContext<String> ctx, Collector<String> out)
        throws Exception {
      out.collect(ctx.getCurrentKey() + " over: " + over.value() + " at " + ts);
    }
  }

  static final class Pair extends ProcessJoinFunction<String, String, String> {
    @Override
    public void processElement(String l, String r, Context ctx, Collector<String> out) {
      out.collect(l + "+" + r);
    }
  }

  private static String key(String s) {
    return s.split("=")[0];
  }

  @Test
  void when_coProcess_then_eachInputReachesItsMethod() {
    try (TwoInputOperatorHarness<String, Integer, String> h =
        TwoInputOperatorHarness.forCoProcess(new Split())) {
      h.open();
      h.processElement1("a", 5L);
      h.processElement2(1);
      h.processElement1("b");

      assertThat(h.outputWithTimestamps())
          .containsExactly(new TimestampedValue<>("a@5", 5L), new TimestampedValue<>("b@null", null));
      assertThat(h.sideOutput(NUMBERS)).containsExactly("#1");
    }
  }

  @Test
  void when_functionFails_then_pinnedOnOperatorAndRecord_andOnlyCloseAllowed() {
    try (TwoInputOperatorHarness<String, Integer, String> h =
        TwoInputOperatorHarness.forCoProcess(new Split()).operatorName("Splitter")) {
      h.open();
      assertThatThrownBy(() -> h.processElement2(-3))
          .isInstanceOf(OperatorException.class)
          .hasMessageContaining("Splitter").hasMessageContaining("on record -3")
          .hasRootCauseMessage("negative: -3");
      assertThatThrownBy(() -> h.processElement1("x"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed");
    }
  }

  @Test
  void when_oneInputsWatermarkAdvances_then_operatorWaitsForTheOther() {
    try (TwoInputOperatorHarness<String, String, String> h = TwoInputOperatorHarness
        .forKeyedCoProcess(new Limit(), TwoInputOperatorHarnessTest::key,
            TwoInputOperatorHarnessTest::key)) {
      h.open();
      h.processElement1("a=10");
      h.processElement2("a=12", 100L);
      h.processElement2("b=99", 100L); // b has no limit: the state is per key

      h.processWatermark1(500);
      assertThat(h.output()).isEmpty();
      assertThat(h.watermarks()).isEmpty(); // input 2 has no watermark yet

      h.processWatermark2(109);
      assertThat(h.output()).isEmpty();
      h.processWatermark2(110);
      assertThat(h.output()).containsExactly("a over: a=12 at 110");
      assertThat(h.watermarks()).containsExactly(109L, 110L);
      assertThat(h.currentWatermark()).isEqualTo(110L);
      assertThat(h.pendingEventTimeTimers()).isZero();
    }
  }

  @Test
  void when_slowInputIdle_then_timeFollowsTheOther() {
    try (TwoInputOperatorHarness<String, String, String> h = TwoInputOperatorHarness
        .forKeyedCoProcess(new Limit(), TwoInputOperatorHarnessTest::key,
            TwoInputOperatorHarnessTest::key)) {
      h.open();
      h.processElement1("a=1");
      h.processElement2("a=2", 0L);
      h.processWatermark2(1_000);
      h.markIdle1(true);
      assertThat(h.output()).containsExactly("a over: a=2 at 10");
    }
  }

  @Test
  void when_intervalJoinWatermarkPasses_then_stateCleanedAndLateRecordsCounted() {
    try (TwoInputOperatorHarness<String, String, String> h = TwoInputOperatorHarness
        .forIntervalJoin(new Pair(), TwoInputOperatorHarnessTest::key,
            TwoInputOperatorHarnessTest::key, Duration.ofMillis(-5), Duration.ofMillis(5))) {
      h.open();
      h.processElement1("a=L1", 100L);
      h.processElement2("a=R1", 104L);
      h.processElement2("a=R2", 106L); // out of bounds of L1
      h.processElement1("b=L2", 100L);
      assertThat(h.outputWithTimestamps()).containsExactly(new TimestampedValue<>("a=L1+a=R1", 104L));
      assertThat(h.bufferedJoinRecords()).isEqualTo(4);

      h.processWatermark(105); // L1 and L2 (kept to 105) gone
      assertThat(h.bufferedJoinRecords()).isEqualTo(2);
      h.processWatermark(111); // R1 (kept to 109) and R2 (kept to 111) gone
      assertThat(h.bufferedJoinRecords()).isZero();
      assertThat(h.pendingEventTimeTimers()).isZero();

      h.processElement1("a=L-late", 111L);
      assertThat(h.lateRecordsDropped()).isEqualTo(1);
      assertThat(h.bufferedJoinRecords()).isZero();
    }
  }

  @Test
  void when_keyOwnedByAnotherSubtask_then_rejected() {
    try (TwoInputOperatorHarness<String, String, String> h = TwoInputOperatorHarness
        .forKeyedCoProcess(new Limit(), TwoInputOperatorHarnessTest::key,
            TwoInputOperatorHarnessTest::key).subtask(0, 2)) {
      h.open();
      int rejected = 0;
      for (int k = 0; k < 20; k++) {
        try {
          h.processElement2("k" + k + "=1");
        } catch (IllegalArgumentException e) {
          assertThat(e).hasMessageContaining("of input 2").hasMessageContaining("owned by subtask 1");
          rejected++;
        }
      }
      assertThat(rejected).isBetween(1, 19);
    }
  }

  @Test
  void when_notOpen_then_callsRejected() {
    TwoInputOperatorHarness<String, Integer, String> h =
        TwoInputOperatorHarness.forCoProcess(new Split());
    assertThatThrownBy(() -> h.processElement1("a"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("call open() first");
    assertThatThrownBy(h::bufferedJoinRecords).isInstanceOf(IllegalStateException.class);
    h.close();
  }
}
