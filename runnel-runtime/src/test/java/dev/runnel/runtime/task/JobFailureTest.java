package dev.runnel.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.api.JobExecutionException;
import dev.runnel.api.OperatorException;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.DiscardingSink;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.connector.Sink;
import dev.runnel.api.connector.SinkContext;
import dev.runnel.api.connector.SinkWriter;
import dev.runnel.api.functions.KeyedProcessFunction;
import dev.runnel.api.functions.Collector;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** A failure anywhere fails the whole job, says where it happened, and leaves no thread behind. */
class JobFailureTest {

  record Order(String id, double amount) {}

  @RepeatedTest(5)
  void when_mapThrows_then_jobFailsNamingOperatorSubtaskAndRecord() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.fromSource(GeneratorSource.of(i -> new Order("o" + i, i)).count(10_000).build(), "orders")
        .rebalance()
        .map(o -> {
          if (o.id().equals("o4242")) {
            throw new IllegalArgumentException("amount rejected");
          }
          return o;
        }).name("validate")
        .sinkTo(new DiscardingSink<>());

    JobExecutionException e =
        catchThrowableOfType(JobExecutionException.class, () -> env.execute("failing-map"));

    assertThat(e.getCause()).isInstanceOf(OperatorException.class);
    OperatorException op = (OperatorException) e.getCause();
    assertThat(op.operatorName()).isEqualTo("validate");
    assertThat(op.subtaskIndex()).isBetween(0, 1);
    assertThat(op.record()).isEqualTo("Order[id=o4242, amount=4242.0]");
    assertThat(op.getCause()).hasMessage("amount rejected");
    assertThat(e.getMessage())
        .contains("failing-map", "validate", "of 2", "o4242", "amount rejected");
    assertThat(JobThreads.alive("failing-map")).isEmpty();
  }

  @Test
  void when_recordIsHuge_then_itsDescriptionIsTruncated() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    env.fromElements("x".repeat(10_000))
        .map(s -> Integer.parseInt(s)).name("parse")
        .sinkTo(new DiscardingSink<>());

    JobExecutionException e =
        catchThrowableOfType(JobExecutionException.class, () -> env.execute("huge-record"));

    OperatorException op = (OperatorException) e.getCause();
    assertThat(op.record()).hasSize(OperatorException.MAX_RECORD_CHARS + 1).endsWith("…");
    assertThat(op.getCause()).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void when_keyedFunctionThrows_then_failureNamesKeyedOperator() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.fromSequence(1, 1000)
        .keyBy(x -> x % 10)
        .process(new Exploding()).name("explode")
        .sinkTo(new DiscardingSink<>());

    JobExecutionException e =
        catchThrowableOfType(JobExecutionException.class, () -> env.execute("failing-keyed"));

    OperatorException op = (OperatorException) e.getCause();
    assertThat(op.operatorName()).isEqualTo("explode");
    assertThat(op.record()).isEqualTo("777");
    assertThat(JobThreads.alive("failing-keyed")).isEmpty();
  }

  static final class Exploding extends KeyedProcessFunction<Long, Long, Long> {
    @Override
    public void processElement(Long value, Context<Long> ctx, Collector<Long> out) {
      if (value == 777) {
        throw new IllegalStateException("boom");
      }
      out.collect(value);
    }
  }

  @Test
  void when_sinkFailsToOpen_then_jobFailsNamingTheSink() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(1);
    env.fromSequence(1, 10).sinkTo(new Sink<Long>() {
      @Override
      public SinkWriter<Long> createWriter(SinkContext context) {
        throw new IllegalStateException("cannot connect");
      }
    }).name("db");

    JobExecutionException e =
        catchThrowableOfType(JobExecutionException.class, () -> env.execute("failing-sink"));

    OperatorException op = (OperatorException) e.getCause();
    assertThat(op.operatorName()).isEqualTo("db");
    assertThat(op.record()).isNull();
    assertThat(JobThreads.alive("failing-sink")).isEmpty();
  }

  @Test
  void when_unboundedJobFails_then_otherSubtasksStopToo() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    env.fromSource(GeneratorSource.<Long>of(i -> i).unbounded().build(), "endless")
        .keyBy(x -> x % 100)
        .map(x -> {
          if (x == 500_000) {
            throw new ArithmeticException("overflow");
          }
          return x;
        }).name("check")
        .sinkTo(new DiscardingSink<>());

    JobExecutionException e =
        catchThrowableOfType(JobExecutionException.class, () -> env.execute("failing-unbounded"));

    assertThat(((OperatorException) e.getCause()).operatorName()).isEqualTo("check");
    assertThat(JobThreads.alive("failing-unbounded")).isEmpty();
  }
}
