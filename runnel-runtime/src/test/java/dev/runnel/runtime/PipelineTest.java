package dev.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.DataStream;
import dev.runnel.api.InvalidJobException;
import dev.runnel.api.JobResult;
import dev.runnel.api.KeyedValue;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.CollectSink;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Whole jobs through the local runtime: every API step, at several parallelisms. */
class PipelineTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void when_mapFilterFlatMap_then_everyRecordTransformedOnce(int parallelism) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    List<Long> out = env.fromSequence(1, 10_000)
        .map(x -> x * 2)
        .filter(x -> x % 3 != 0)
        .flatMap((Long x, Collector<Long> c) -> {
          c.collect(x);
          c.collect(-x);
        })
        .executeAndCollect();

    List<Long> expected = new ArrayList<>();
    for (long x = 1; x <= 10_000; x++) {
      long y = x * 2;
      if (y % 3 != 0) {
        expected.add(y);
        expected.add(-y);
      }
    }
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void when_keyByCount_then_lastCountPerKeyIsKeyFrequency(int parallelism) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism);
    List<KeyedValue<Long, Long>> out = env.fromSequence(0, 99_999)
        .keyBy(x -> x % 1000)
        .count()
        .executeAndCollect();

    assertThat(out).hasSize(100_000);
    Map<Long, List<Long>> perKey = new HashMap<>();
    for (KeyedValue<Long, Long> kv : out) {
      perKey.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value());
    }
    assertThat(perKey).hasSize(1000);
    // Per key, counts arrive in order 1, 2, ..., 100: one key is always one subtask, in order.
    perKey.values().forEach(counts ->
        assertThat(counts).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList()));
  }

  @Test
  void when_keyedOrderPreserved_then_runningSumsAreInInputOrder() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    List<Long> input = LongStream.range(0, 5000).boxed().toList();
    List<KeyedValue<Long, Long>> out = env.fromCollection(input)
        .keyBy(x -> x % 7)
        .sum(Long.class, x -> x)
        .executeAndCollect();

    Map<Long, List<Long>> expected = new HashMap<>();
    Map<Long, Long> running = new HashMap<>();
    for (long x : input) {
      long s = running.merge(x % 7, x, Long::sum);
      expected.computeIfAbsent(x % 7, k -> new ArrayList<>()).add(s);
    }
    Map<Long, List<Long>> actual = out.stream().collect(Collectors.groupingBy(
        KeyedValue::key, Collectors.mapping(KeyedValue::value, Collectors.toList())));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void when_processEmitsToSideOutput_then_sideStreamReceivesIt() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    OutputTag<String> odd = new OutputTag<>("odd");
    DataStream<Long> evens = env.fromSequence(1, 1000).process(new SplitOdd(odd));
    CollectSink<String> oddSink = new CollectSink<>();
    evens.getSideOutput(odd).sinkTo(oddSink);
    List<Long> evenOut = evens.executeAndCollect();

    assertThat(evenOut).hasSize(500).allMatch(x -> x % 2 == 0);
    assertThat(oddSink.records()).hasSize(500).allMatch(s -> s.startsWith("odd-"));
  }

  /** Static, so that it does not capture the test instance (functions are copied by serialization). */
  private static final class SplitOdd extends ProcessFunction<Long, Long> {
    private final OutputTag<String> odd;

    SplitOdd(OutputTag<String> odd) {
      this.odd = odd;
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Long> out) {
      if (value % 2 == 0) {
        out.collect(value);
      } else {
        ctx.output(odd, "odd-" + value);
      }
    }
  }

  @Test
  void when_unionAndBroadcast_then_countsMatch() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    DataStream<Long> a = env.fromSequence(1, 100);
    DataStream<Long> b = env.fromSequence(101, 300);
    List<Long> union = a.union(b).rebalance().map(x -> x).setParallelism(3).executeAndCollect();
    assertThat(union).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());

    List<Long> broadcast = env.fromSequence(1, 100).broadcast().map(x -> x).setParallelism(3)
        .executeAndCollect();
    assertThat(broadcast).hasSize(300);
  }

  @Test
  void when_forwardBetweenDifferentParallelism_then_invalidJob() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.fromSequence(1, 10).forward().map(x -> x).setParallelism(3).print();
    assertThatThrownBy(() -> env.execute("bad"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("needs equal parallelism");
  }

  @Test
  void when_jobFinishes_then_resultHasCounters() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.fromSource(GeneratorSource.<Long>of(i -> i).count(1000).build(), "gen")
        .filter(x -> x < 100).name("small")
        .sinkTo(new CollectSink<>()).name("out");
    JobResult result = env.execute("counted");
    assertThat(result.counter("gen.recordsOut")).isEqualTo(1000);
    assertThat(result.counter("small.recordsIn")).isEqualTo(1000);
    assertThat(result.counter("small.recordsOut")).isEqualTo(100);
    assertThat(result.counter("out.recordsIn")).isEqualTo(100);
  }
}
