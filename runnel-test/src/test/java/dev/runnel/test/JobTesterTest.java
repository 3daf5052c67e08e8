package dev.runnel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.DataStream;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobStatus;
import dev.runnel.api.OperatorException;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.ProcessFunction;
import dev.runnel.api.functions.RuntimeContext;
import dev.runnel.api.state.ValueState;
import dev.runnel.api.state.ValueStateDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pipelines run as real jobs through the tester: output order, side outputs, counters, failures. */
class JobTesterTest {

  record Event(String key, int seq) {}

  /** The n-th event of its key, as counted by the job. */
  record Counted(String key, int seq, long count) {}

  static final OutputTag<Event> ODD = new OutputTag<>("odd");

  /** A keyed running count that also remembers which input event it counted. */
  static final class RunningCount extends KeyedProcessFunction<String, Event, Counted> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Long> count;

    @Override
    public void open(RuntimeContext context) {
      count = context.getState(new ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public void processElement(Event e, Context<String> ctx, Collector<Counted> out)
        throws Exception {
      long next = (count.value() == null ? 0 : count.value()) + 1;
      count.update(next);
      out.collect(new Counted(ctx.getCurrentKey(), e.seq(), next));
    }
  }

  /** Events 0 … n-1 spread over {@code keys} keys; seq numbers grow within each key. */
  private static List<Event> events(int n, int keys) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(new Event("k" + (i % keys), i));
    }
    return events;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void when_keyedRunningCount_then_eachKeyCountsItsEventsInInputOrder(int parallelism) {
    JobTester<Event, Counted> tester = JobTester.forPipeline(
        (DataStream<Event> in) -> in.keyBy(Event::key).process(new RunningCount()));

    TestRun<Counted> run = tester.parallelism(parallelism).run(events(5_000, 13));

    assertThat(run.output()).hasSize(5_000);
    Map<String, List<Counted>> byKey = run.output().stream()
        .collect(Collectors.groupingBy(Counted::key, TreeMap::new, Collectors.toList()));
    assertThat(byKey).hasSize(13);
    byKey.forEach((key, counted) -> {
      // Per key, the records keep the input's order and the count runs 1, 2, 3, …
      assertThat(counted).extracting(Counted::seq).isSorted();
      assertThat(counted).extracting(Counted::count)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, counted.size()).boxed().toList());
    });
  }

  @Test
  void when_parallelismIsOne_then_outputIsInInputOrder() {
    TestRun<Counted> run = JobTester.forPipeline(
            (DataStream<Event> in) -> in.keyBy(Event::key).process(new RunningCount()))
        .run(events(6, 2));

    assertThat(run.output()).containsExactly(
        new Counted("k0", 0, 1), new Counted("k1", 1, 1),
        new Counted("k0", 2, 2), new Counted("k1", 3, 2),
        new Counted("k0", 4, 3), new Counted("k1", 5, 3));
  }

  /** Passes even-numbered events on and sends odd ones to a side output. */
  static final class SplitOdd extends ProcessFunction<Event, Event> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) {
      if (e.seq() % 2 == 0) {
        out.collect(e);
      } else {
        ctx.output(ODD, e);
      }
    }
  }

  @Test
  void when_sideOutputCaptured_then_itsRecordsAreReturnedApartFromTheMainOutput() {
    JobTester<Event, Event> tester =
        JobTester.forPipeline((DataStream<Event> in) -> in.process(new SplitOdd()));

    TestRun<Event> run = tester.captureSideOutput(ODD).run(events(6, 1));

    assertThat(run.output()).extracting(Event::seq).containsExactly(0, 2, 4);
    assertThat(run.sideOutput(ODD)).extracting(Event::seq).containsExactly(1, 3, 5);
  }

  @Test
  void when_sideOutputNotCaptured_then_askingForItFails() {
    TestRun<Event> run =
        JobTester.forPipeline((DataStream<Event> in) -> in.process(new SplitOdd())).run(events(2, 1));

    assertThatThrownBy(() -> run.sideOutput(ODD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("captureSideOutput");
    assertThat(run.result().counter("Process#2.sideOutputsUnconsumed")).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void when_jobEnds_then_resultHasCountersOfEveryStep(int parallelism) {
    JobTester<Event, Event> tester = JobTester.forPipeline(
        (DataStream<Event> in) -> in.filter(e -> e.seq() < 8).name("first-eight")
            .rebalance()
            .process(new SplitOdd()).name("split"));

    TestRun<Event> run = tester.parallelism(parallelism).captureSideOutput(ODD).run(events(10, 3));

    assertThat(run.result().status()).isEqualTo(JobStatus.FINISHED);
    assertThat(run.result().counter(JobTester.INPUT_NAME + ".recordsOut")).isEqualTo(10);
    assertThat(run.result().counter("first-eight.recordsIn")).isEqualTo(10);
    assertThat(run.result().counter("first-eight.recordsOut")).isEqualTo(8);
    assertThat(run.result().counter("split.recordsIn")).isEqualTo(8);
    assertThat(run.result().counter("split.recordsOut")).isEqualTo(4);
    assertThat(run.result().counter(JobTester.OUTPUT_NAME + ".recordsIn")).isEqualTo(4);
    assertThat(run.result().counter(JobTester.SIDE_OUTPUT_NAME_PREFIX + "odd.recordsIn"))
        .isEqualTo(4);
    assertThat(run.output()).extracting(Event::seq).containsExactlyInAnyOrder(0, 2, 4, 6);
  }

  /** Emits the timestamp each element arrived with. */
  static final class TimestampOf extends ProcessFunction<Event, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Event e, Context ctx, Collector<Long> out) {
      out.collect(ctx.timestamp());
    }
  }

  @Test
  void when_timestampsGiven_then_functionsSeeEachRecordsTimestamp() {
    JobTester<Event, Long> tester =
        JobTester.forPipeline((DataStream<Event> in) -> in.process(new TimestampOf()));

    assertThat(tester.timestamps(e -> 1_000L * e.seq()).run(events(3, 1)).output())
        .containsExactly(0L, 1_000L, 2_000L);
    assertThat(tester.run(events(2, 1)).output()).containsExactly(null, null);
  }

  @Test
  void when_testerReconfigured_then_originalIsUnchanged() {
    JobTester<Event, Event> base =
        JobTester.forPipeline((DataStream<Event> in) -> in.process(new SplitOdd()));
    JobTester<Event, Event> capturing = base.captureSideOutput(ODD).parallelism(2);

    assertThat(capturing.run(events(4, 1)).sideOutput(ODD)).hasSize(2);
    assertThatThrownBy(() -> base.run(events(4, 1)).sideOutput(ODD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void when_forJob_then_itRunsTheSourcesTheJobBuilds() {
    TestRun<Long> run = JobTester.forJob(
            (StreamEnvironment env) -> env.fromSequence(1, 100).filter(x -> x % 7 == 0))
        .parallelism(3)
        .run();

    assertThat(run.output()).containsExactlyInAnyOrder(7L, 14L, 21L, 28L, 35L, 42L, 49L, 56L,
        63L, 70L, 77L, 84L, 91L, 98L);
    assertThatThrownBy(() -> JobTester.forJob((StreamEnvironment env) -> env.fromElements(1))
            .run(Arrays.asList((Void) null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no input records");
  }

  @Test
  void when_functionThrows_then_runFailsNamingOperatorAndRecord() {
    JobTester<Event, Integer> tester = JobTester.forPipeline(
        (DataStream<Event> in) -> in.map(e -> 100 / e.seq()).name("divide"));

    JobExecutionException e =
        catchThrowableOfType(JobExecutionException.class, () -> tester.run(events(3, 1)));

    assertThat(e.getCause()).isInstanceOf(OperatorException.class);
    OperatorException op = (OperatorException) e.getCause();
    assertThat(op.operatorName()).isEqualTo("divide");
    assertThat(op.record()).isEqualTo("Event[key=k0, seq=0]");
    assertThat(op.getCause()).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void when_jobDoesNotEnd_then_itIsCancelledAtTheTimeout() {
    JobTester<Void, Long> tester = JobTester.forJob((StreamEnvironment env) ->
            env.fromSource(GeneratorSource.of(i -> i).unbounded().ratePerSecond(100).build(),
                "endless"))
        .timeout(Duration.ofMillis(300));

    assertThatThrownBy(tester::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not end within PT0.3S")
        .hasMessageContaining("it was cancelled")
        .hasMessageContaining("unbounded");
  }

  @Test
  void when_pipelineReturnsStreamOfAnotherEnvironment_then_runFails() {
    StreamEnvironment other = StreamEnvironment.create();
    JobTester<Event, Integer> tester =
        JobTester.forPipeline((DataStream<Event> in) -> other.fromElements(1, 2));

    assertThatThrownBy(() -> tester.run(events(1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another StreamEnvironment");
  }
}
