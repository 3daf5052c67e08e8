package dev.runnel.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.OutputTag;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeySelector;
import dev.runnel.api.functions.ProcessJoinFunction;
import dev.runnel.runtime.state.HeapKeyedStateBackend;
import dev.runnel.runtime.state.KeyGroupRange;
import dev.runnel.runtime.time.ProcessingTimeService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The interval join's buffers, cleanup timers and late records, driven call by call. */
class IntervalJoinOperatorTest {
  record E(String key, String name) {}

  static final class Concat extends ProcessJoinFunction<Object, Object, Object> {
    @Override
    public void processElement(Object l, Object r, Context ctx, Collector<Object> out) {
      out.collect(((E) l).name() + "+" + ((E) r).name() + "@" + ctx.timestamp());
    }
  }

  private final List<String> out = new ArrayList<>();
  private final List<Long> watermarks = new ArrayList<>();
  private OperatorContext context;
  private IntervalJoinOperator op;

  @BeforeEach
  void open() throws Exception {
    open(-100, 200);
  }

  private void open(long lower, long upper) throws Exception {
    out.clear();
    KeySelector<Object, Object> key = e -> ((E) e).key();
    op = new IntervalJoinOperator(new Concat(), key, key, lower, upper);
    context = new OperatorContext("job", "Join", 0, 1, 128,
        new HeapKeyedStateBackend(new KeyGroupRange(0, 127), 128), new ProcessingTimeService(() -> 0),
        0);
    op.setup(context, new Output() {
      @Override
      public void emit(Object record, long timestamp) {
        out.add((String) record);
      }

      @Override
      public void emitSide(OutputTag<?> tag, Object record, long timestamp) {}

      @Override
      public void emitWatermark(long watermark) {
        watermarks.add(watermark);
      }

      @Override
      public void emitWatermarkStatus(boolean idle) {}
    });
    op.open();
  }

  @Test
  void when_watermarkPassesLastPossibleMatch_then_bufferedRecordsRemoved() throws Exception {
    op.processElement1(new E("a", "l1"), 1_000); // may match right in [900, 1200]: kept to 1200
    op.processElement2(new E("a", "r1"), 1_000); // may match left in [800, 1100]: kept to 1100
    op.processElement2(new E("b", "r2"), 5_000);
    assertThat(out).containsExactly("l1+r1@1000");
    assertThat(op.bufferedRecords()).isEqualTo(3);

    op.processWatermark(1_099);
    assertThat(op.bufferedRecords()).isEqualTo(3);
    op.processWatermark(1_100);
    assertThat(op.bufferedRecords()).isEqualTo(2); // r1 gone: no left record > 1100 can match it
    op.processWatermark(1_200);
    assertThat(op.bufferedRecords()).isEqualTo(1); // l1 gone
    op.processWatermark(Long.MAX_VALUE);
    assertThat(op.bufferedRecords()).isZero();
    assertThat(op.timers().eventTimerCount()).isZero();
    assertThat(watermarks).containsExactly(1_099L, 1_100L, 1_200L, Long.MAX_VALUE);
  }

  @Test
  void when_cleanedUp_then_noMatchWasLost() throws Exception {
    op.processElement1(new E("a", "l1"), 1_000);
    op.processWatermark(1_150);
    op.processElement2(new E("a", "r1"), 1_200); // right at the upper bound, after the watermark
    assertThat(out).containsExactly("l1+r1@1200");
  }

  @Test
  void when_recordAtOrBehindWatermark_then_droppedAndCounted() throws Exception {
    op.processElement1(new E("a", "l1"), 1_000);
    op.processWatermark(1_050);
    op.processElement2(new E("a", "r-late"), 1_050);
    op.processElement2(new E("a", "r-late2"), 950);
    op.processElement2(new E("a", "r-ok"), 1_051);
    assertThat(out).containsExactly("l1+r-ok@1051");
    assertThat(context.counters().lateRecordsDropped).isEqualTo(2);
  }

  @Test
  void when_boundsBothPositive_then_leftKeptUntilUpperAndRightUntilItsOwnTime() throws Exception {
    open(100, 300);
    op.processElement2(new E("a", "r1"), 1_000); // matches left in [700, 900]: nothing later
    op.processElement1(new E("a", "l1"), 800);
    assertThat(out).containsExactly("l1+r1@1000");
    op.processWatermark(1_000);
    assertThat(op.bufferedRecords()).isEqualTo(1); // r1 gone at its own time; l1 waits for 1100
    op.processWatermark(1_100);
    assertThat(op.bufferedRecords()).isZero();
  }
}
