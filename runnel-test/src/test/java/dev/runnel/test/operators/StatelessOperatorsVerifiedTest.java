package dev.runnel.test.operators;

import static dev.runnel.test.OperatorInput.element;
import static dev.runnel.test.OperatorInput.element2;
import static dev.runnel.test.OperatorInput.watermark;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.OutputTag;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.CoProcessFunction;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.FilterFunction;
import dev.runnel.api.functions.FlatMapFunction;
import dev.runnel.api.functions.MapFunction;
import dev.runnel.api.functions.ProcessFunction;
import dev.runnel.test.OneInputOperatorHarness;
import dev.runnel.test.OperatorInput;
import dev.runnel.test.OperatorVerifier;
import dev.runnel.test.TimestampedValue;
import dev.runnel.test.TwoInputOperatorHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operators without keyed state (map, filter, flatMap, process, co-process, timestamps and
 * watermarks) under the adversarial verifier: each must come through a restore after every
 * element, and forward watermarks the same wherever they fall.
 */
class StatelessOperatorsVerifiedTest {
  static final List<OperatorInput> NUMBERS = List.of(element(1L, 10), element(2L, 11),
      watermark(10), element(3L, 12), element(4L, 14), watermark(13), element(5L, 15),
      element(6L));

  static final OutputTag<Long> ODD = new OutputTag<>("odd");

  @Test
  void map() {
    MapFunction<Long, String> describe = x -> "n" + x;
    var result = OperatorVerifier.of(() -> OneInputOperatorHarness.forMap(describe))
        .input(NUMBERS).verify();
    assertThat(result.output()).startsWith(new TimestampedValue<>("n1", 10L))
        .endsWith(new TimestampedValue<>("n6", null)).hasSize(6);
  }

  @Test
  void filter() {
    FilterFunction<Long> even = x -> x % 2 == 0;
    OperatorVerifier.of(() -> OneInputOperatorHarness.forFilter(even)).input(NUMBERS)
        .expectOutput(List.of(2L, 4L, 6L)).verify();
  }

  @Test
  void flatMap() {
    FlatMapFunction<Long, Long> repeat = (x, out) -> {
      for (long i = 0; i < x % 3; i++) {
        out.collect(x * 10 + i);
      }
    };
    OperatorVerifier.of(() -> OneInputOperatorHarness.forFlatMap(repeat)).input(NUMBERS)
        .expectOutput(List.of(10L, 20L, 21L, 40L, 50L, 51L)).verify();
  }

  /** Even numbers to the main output, odd ones to a side output. */
  static final class SplitOdd extends ProcessFunction<Long, Long> {
    @Override
    public void processElement(Long x, Context ctx, Collector<Long> out) {
      if (x % 2 == 0) {
        out.collect(x);
      } else {
        ctx.output(ODD, x);
      }
    }
  }

  @Test
  void processWithASideOutput() {
    OperatorVerifier.of(() -> OneInputOperatorHarness.forProcess(new SplitOdd())).input(NUMBERS)
        .expectOutput(List.of(2L, 4L, 6L)).verify();
  }

  /** Input 1 numbers, input 2 words, each tagged with its input. */
  static final class Tag extends CoProcessFunction<Long, String, String> {
    @Override
    public void processElement1(Long x, Context ctx, Collector<String> out) {
      out.collect("1:" + x);
    }

    @Override
    public void processElement2(String w, Context ctx, Collector<String> out) {
      out.collect("2:" + w);
    }
  }

  @Test
  void coProcess() {
    OperatorVerifier.of(() -> TwoInputOperatorHarness.forCoProcess(new Tag()))
        .input(element(1L, 1), element2("x", 2), OperatorInput.watermark1(1),
            element2("y", 3), OperatorInput.watermark2(2), element(2L, 4), watermark(3))
        .expectOutput(List.of("1:1", "2:x", "2:y", "1:2")).verify();
  }

  @Test
  void timestampsAndWatermarks() {
    WatermarkStrategy<Long> strategy = WatermarkStrategy.<Long>forBoundedOutOfOrderness(
        Duration.ofMillis(2)).withTimestampAssigner((x, previous) -> x * 10);
    OperatorVerifier.of(() -> OneInputOperatorHarness.forWatermarkStrategy(strategy))
        .input(element(1L), element(3L), element(2L), element(5L), element(4L))
        .expectOutput(List.of(1L, 3L, 2L, 5L, 4L)).verify();
  }
}
