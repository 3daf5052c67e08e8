package dev.runnel.test.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.StateTtlConfig;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import dev.runnel.test.OneInputOperatorHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Keyed operators with TTL state sweep it on processing time, so expired state does not pile up. */
class TtlCleanupTest {

  /** "write:K" stores a value for K; "read:K" emits what K's state returns. */
  static final class WriteRead extends KeyedProcessFunction<String, String, String> {
    private transient ValueState<String> value;

    @Override
    public void open(RuntimeContext ctx) {
      ValueStateDescriptor<String> d = new ValueStateDescriptor<>("v", String.class);
      d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(100))
          .setStateVisibility(StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp)
          .build());
      value = ctx.getState(d);
    }

    @Override
    public void processElement(String cmd, Context<String> ctx, Collector<String> out)
        throws Exception {
      if (cmd.startsWith("write:")) {
        value.update("v-" + ctx.getCurrentKey());
      } else {
        out.collect(ctx.getCurrentKey() + "=" + value.value());
      }
    }
  }

  @Test
  void when_sweepRuns_then_expiredValuesAreGoneEvenUnread() throws Exception {
    try (var h = OneInputOperatorHarness.forKeyedProcess(new WriteRead(), (String c) -> c.substring(c.indexOf(':') + 1))) {
      h.open();
      h.processElement("write:a");
      h.processElement("write:b");

      h.setProcessingTime(900); // expired, but no sweep yet: still there
      h.processElement("read:a");
      h.setProcessingTime(1_000); // the sweep
      h.processElement("read:b");

      assertThat(h.output()).containsExactly("a=v-a", "b=null");
    }
  }
}
