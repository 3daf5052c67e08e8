package dev.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.api.DataStream;
import dev.runnel.api.IntervalJoined;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobResult;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.CollectSink;
import dev.runnel.api.connector.CollectionSource;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessFunction;
import dev.runnel.api.functions.ProcessJoinFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Interval joins through whole jobs, checked against a nested-loop join of the same data. */
class IntervalJoinJobTest {
  private static final long MAX_DISORDER = 300;

  record Element(String side, int id, String key, long time) {}

  /** Describes each pair with both ids, its timestamps and the timestamp of the result. */
  static final class DescribePair extends ProcessJoinFunction<Element, Element, String> {
    @Override
    public void processElement(Element l, Element r, Context ctx, Collector<String> out) {
      assertThat(ctx.leftTimestamp()).isEqualTo(l.time());
      assertThat(ctx.rightTimestamp()).isEqualTo(r.time());
      out.collect(pair(l, r));
    }
  }

  private static String pair(Element l, Element r) {
    return "L" + l.id() + "/R" + r.id() + "@" + Math.max(l.time(), r.time());
  }

  /**
   * Random elements over 10 keys and 20 seconds, emitted out of order by at most {@link
   * #MAX_DISORDER} ms, so that with that bound on the watermark no element is ever late.
   */
  private static List<Element> elements(String side, long seed, int n) {
    Random r = new Random(seed);
    List<Element> list = new ArrayList<>();
    List<Long> jitter = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new Element(side, i, "k" + r.nextInt(10), r.nextInt(20_000)));
      jitter.add((long) r.nextInt((int) MAX_DISORDER + 1));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingLong(i -> list.get(i).time() + jitter.get(i)));
    return order.stream().map(list::get).toList();
  }

  private static List<String> nestedLoopJoin(List<Element> left, List<Element> right, long lower,
      boolean lowerInclusive, long upper, boolean upperInclusive) {
    List<String> out = new ArrayList<>();
    for (Element l : left) {
      for (Element r : right) {
        long d = r.time() - l.time();
        boolean aboveLower = lowerInclusive ? d >= lower : d > lower;
        boolean belowUpper = upperInclusive ? d <= upper : d < upper;
        if (l.key().equals(r.key()) && aboveLower && belowUpper) {
          out.add(pair(l, r));
        }
      }
    }
    return out;
  }

  private static DataStream<Element> stream(StreamEnvironment env, List<Element> elements,
      String name) {
    return env.fromSource(new CollectionSource<>(elements),
        WatermarkStrategy.<Element>forBoundedOutOfOrderness(Duration.ofMillis(MAX_DISORDER))
            .withTimestampAssigner((e, ts) -> e.time()),
        name);
  }

  @ParameterizedTest(name = "p={0} between({1}, {3}) inclusive {2}/{4}")
  @CsvSource({
      "1, -200, true, 300, true",
      "3, -200, true, 300, true",
      "3, 0, false, 500, false",
      "3, -700, true, -100, false",
      "3, 50, true, 50, true",
      "1, 100, false, 400, true"})
  void when_randomData_then_joinEqualsNestedLoopJoin(int parallelism, long lower,
      boolean lowerInclusive, long upper, boolean upperInclusive) {
    List<Element> left = elements("L", 11, 1_500);
    List<Element> right = elements("R", 12, 1_500);
    StreamEnvironment env = StreamEnvironment.create().setParallelism(parallelism)
        .setWatermarkInterval(Duration.ZERO);
    IntervalJoined<String, Element, Element> join = stream(env, left, "left")
        .keyBy(Element::key)
        .intervalJoin(stream(env, right, "right").keyBy(Element::key))
        .between(Duration.ofMillis(lower), Duration.ofMillis(upper));
    if (!lowerInclusive) {
      join.lowerBoundExclusive();
    }
    if (!upperInclusive) {
      join.upperBoundExclusive();
    }
    CollectSink<String> sink = new CollectSink<>();
    join.process(new DescribePair()).name("Join").sinkTo(sink);

    JobResult result = env.execute("interval-join");

    List<String> expected =
        nestedLoopJoin(left, right, lower, lowerInclusive, upper, upperInclusive);
    assertThat(expected).hasSizeGreaterThan(10); // the data does exercise the join
    assertThat(sink.records()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.counter("Join.lateRecordsDropped")).isZero();
  }

  static final class TimestampOf extends ProcessFunction<String, Long> {
    @Override
    public void processElement(String s, Context ctx, Collector<Long> out) {
      out.collect(ctx.timestamp());
    }
  }

  @Test
  void when_resultCarriesMaxTimestamp_then_downstreamSeesIt() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1)
        .setWatermarkInterval(Duration.ZERO);
    List<Element> left = List.of(new Element("L", 1, "a", 1_000));
    List<Element> right = List.of(new Element("R", 1, "a", 1_200), new Element("R", 2, "a", 900));
    List<Long> stamps = stream(env, left, "left").keyBy(Element::key)
        .intervalJoin(stream(env, right, "right").keyBy(Element::key))
        .between(Duration.ofMillis(-100), Duration.ofMillis(200))
        .process(new DescribePair())
        .process(new TimestampOf())
        .executeAndCollect();
    assertThat(stamps).containsExactlyInAnyOrder(1_200L, 1_000L);
  }

  @Test
  void when_elementsBehindWatermark_then_droppedUnjoinedAndCounted() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1)
        .setWatermarkInterval(Duration.ZERO);
    // Monotonous watermarks, but the left input goes back in time twice: both are late.
    List<Element> left = List.of(new Element("L", 1, "a", 1_000), new Element("L", 2, "a", 5_000),
        new Element("L", 3, "a", 1_000), new Element("L", 4, "a", 2_000));
    List<Element> right = List.of(new Element("R", 1, "a", 1_000));
    CollectSink<String> sink = new CollectSink<>();
    env.fromSource(new CollectionSource<>(left),
            WatermarkStrategy.<Element>forMonotonousTimestamps()
                .withTimestampAssigner((e, ts) -> e.time()), "left")
        .keyBy(Element::key)
        .intervalJoin(env.fromSource(new CollectionSource<>(right),
            WatermarkStrategy.<Element>forMonotonousTimestamps()
                .withTimestampAssigner((e, ts) -> e.time()), "right").keyBy(Element::key))
        .between(Duration.ZERO, Duration.ZERO)
        .process(new DescribePair())
        .name("Join")
        .sinkTo(sink);

    JobResult result = env.execute("late");

    // Whether L3 and L4 are late depends on how far the right input had moved time when they
    // came (the operator's watermark is the minimum of both); IntervalJoinOperatorTest pins it
    // down exactly. Here: a late L3 is never joined, and every drop is counted.
    long dropped = result.counter("Join.lateRecordsDropped");
    assertThat(dropped).isBetween(0L, 2L);
    assertThat(sink.records()).contains("L1/R1@1000").isSubsetOf("L1/R1@1000", "L3/R1@1000");
    if (sink.records().contains("L3/R1@1000")) {
      assertThat(dropped).isLessThanOrEqualTo(1); // only L4 can have been dropped
    }
  }

  @Test
  void when_elementHasNoTimestamp_then_jobFailsWithClearMessage() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    DataStream<Element> left = env.fromElements(new Element("L", 1, "a", 1));
    DataStream<Element> right = env.fromElements(new Element("R", 1, "a", 1));
    DataStream<String> joined = left.keyBy(Element::key)
        .intervalJoin(right.keyBy(Element::key))
        .between(Duration.ZERO, Duration.ofSeconds(1))
        .process(new DescribePair());

    assertThatThrownBy(joined::executeAndCollect)
        .isInstanceOf(JobExecutionException.class)
        .rootCause()
        .hasMessageMatching("interval join 'IntervalJoin#5' runs in event time, but a record of "
            + "its (left|right) input has no timestamp: assign timestamps with a WatermarkStrategy "
            + "at the source or with assignTimestampsAndWatermarks\\(\\.\\.\\.\\)");
  }

  @Test
  void when_boundsEmpty_then_rejectedWhenBuilt() {
    StreamEnvironment env = StreamEnvironment.create();
    var left = env.fromElements(1).keyBy(x -> x);
    var right = env.fromElements(2).keyBy(x -> x);
    assertThatThrownBy(() -> left.intervalJoin(right).between(Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be after");
    assertThatThrownBy(() -> left.intervalJoin(right).between(Duration.ZERO, Duration.ZERO)
        .lowerBoundExclusive()
        .process(new ProcessJoinFunction<Integer, Integer, Integer>() {
          @Override
          public void processElement(Integer l, Integer r, Context c, Collector<Integer> o) {}
        }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no element could");
  }
}
