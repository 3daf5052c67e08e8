package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.JobExecutionException;
import dev.runnel.api.OperatorException;
import dev.runnel.api.RunnelException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {
  @Test
  void when_operatorFailsOnRunnelException_then_itsOwnMessageIsTheReason() {
    JobExecutionException failure = new JobExecutionException("order-alerts",
        new OperatorException("input", 0, 1, null,
            new RunnelException("/data/orders.jsonl:17: cannot decode JSON line as Order")));

    assertThat(ErrorReporter.describeFailure(failure)).isEqualTo(
        "job 'order-alerts' failed: /data/orders.jsonl:17: cannot decode JSON line as Order");
  }

  @Test
  void when_userCodeFails_then_operatorSubtaskAndRecordAreNamed() {
    JobExecutionException failure = new JobExecutionException("order-alerts",
        new OperatorException("running-total", 1, 2, "Order[o7]",
            new IllegalStateException("boom")));

    assertThat(ErrorReporter.describeFailure(failure)).isEqualTo(
        "job 'order-alerts' failed: operator 'running-total' (subtask 1 of 2) failed on record "
            + "Order[o7]: java.lang.IllegalStateException: boom");
  }

  @Test
  void when_messageHasLineBreaks_then_itBecomesOneLine() {
    assertThat(ErrorReporter.oneLine("first\n  second\r\nthird ")).isEqualTo("first second third");
  }
}
