package dev.runnel.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.CollectSink;
import dev.runnel.api.eventtime.WatermarkStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CEP in whole jobs (the custom-operator extension point end to end) and the pattern rules. */
class CepJobTest {
  @Test
  void select_with_timeout_runs_in_a_parallel_job() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    List<Ev> events = new ArrayList<>();
    for (int i = 0; i < 210; i++) {
      String key = "k" + (i % 10);
      events.add(new Ev(key, i, (i / 10) % 2 == 0 ? 'a' : 'b', i));
    }
    DataStream<Ev> input = env.fromCollection(events).assignTimestampsAndWatermarks(
        WatermarkStrategy.<Ev>forMonotonousTimestamps().withTimestampAssigner((e, t) -> e.id()));
    Pattern<Ev> pattern = Pattern.<Ev>begin("a").where(e -> e.kind() == 'a')
        .next("b").where(e -> e.kind() == 'b')
        .within(Duration.ofMillis(15));
    OutputTag<String> timedOut = new OutputTag<>("timed-out");
    DataStream<String> matches = CEP.pattern(input.keyBy(Ev::key), pattern)
        .select(timedOut, (partial, at) -> partial.get("a").get(0).id() + "@" + at,
            m -> m.get("a").get(0).id() + "-" + m.get("b").get(0).id());
    CollectSink<String> timeouts = new CollectSink<>();
    matches.getSideOutput(timedOut).sinkTo(timeouts);
    List<String> out = matches.executeAndCollect();
    // Per key, an a at i (i/10 even) is followed next by the key's event at i+10: a b when
    // (i/10) is even, within 15 ms. So every a matches.
    assertThat(out).hasSize(100).contains("0-10", "185-195");
    // Each key's last a (200..209) gets no b: it times out at the end of its window.
    assertThat(timeouts.records()).hasSize(10).contains("200@215", "209@224");
  }

  @Test
  void malformed_patterns_are_refused_when_the_job_is_built() {
    assertThatThrownBy(() -> Pattern.<Ev>begin("a").notNext("n").where(e -> true).times(2))
        .isInstanceOf(MalformedPatternException.class).hasMessageContaining("negative stage 'n'");
    assertThatThrownBy(() -> Pattern.<Ev>begin("a").greedy())
        .isInstanceOf(MalformedPatternException.class).hasMessageContaining("looping stage");
    assertThatThrownBy(() -> Pattern.<Ev>begin("a").times(2).oneOrMore())
        .hasMessageContaining("already has a quantifier");
    assertThatThrownBy(() -> Pattern.<Ev>begin("a").next("a"))
        .hasMessageContaining("used twice");
    assertThatThrownBy(() -> compile(Pattern.<Ev>begin("a").notFollowedBy("n").where(e -> true)))
        .hasMessageContaining("cannot end with the negative stage 'n'");
    assertThatThrownBy(() -> compile(Pattern.<Ev>begin("a").optional()
        .notNext("n").where(e -> true).next("b")))
        .hasMessageContaining("before the negative stage 'n' cannot be optional");
    assertThatThrownBy(() -> compile(Pattern.<Ev>begin("a").optional()))
        .hasMessageContaining("every stage is optional");
    assertThatThrownBy(() -> compile(
        Pattern.<Ev>begin("a", AfterMatchSkipStrategy.skipToFirst("zz")).next("b")))
        .hasMessageContaining("names no positive stage");
  }

  private static void compile(Pattern<Ev> pattern) {
    StreamEnvironment env = StreamEnvironment.create();
    CEP.pattern(env.fromElements(new Ev("k", 0, 'a', 0)).keyBy(Ev::key), pattern);
  }
}
