package dev.runnel.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.OperatorException;
import dev.runnel.runtime.time.ProcessingTimeService;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OperatorContextFailureTest {
  private final OperatorContext context =
      new OperatorContext("job", "Map", 1, 2, 128, null, new ProcessingTimeService(() -> 0), 0);

  @Test
  void when_exceptionIsNotPinned_then_pinnedOnThisOperatorSubtask() {
    IOException cause = new IOException("disk full");

    RuntimeException failure = context.failureOf(cause);

    assertThat(failure).isInstanceOf(OperatorException.class).hasCause(cause)
        .hasMessageContaining("operator 'Map' (subtask 1 of 2) failed");
    assertThat(((OperatorException) failure).record()).isNull();
  }

  @Test
  void when_exceptionIsNotPinned_then_recordIsDescribed() {
    RuntimeException failure = context.failureOf(new IllegalStateException("bad"), "order-7");

    assertThat(((OperatorException) failure).record()).isEqualTo("order-7");
    assertThat(failure).hasMessageContaining("on record order-7");
  }

  @Test
  void when_exceptionIsPinnedDownstream_then_itIsThrownAsItIs() {
    OperatorException downstream =
        new OperatorException("Sink", 0, 1, "r", new IllegalStateException("downstream"));

    assertThat(context.failureOf(downstream)).isSameAs(downstream);
    assertThat(context.failureOf(downstream, "r")).isSameAs(downstream);
  }

  @Test
  void when_exceptionIsPinnedDownstream_then_recordIsNotDescribed() {
    AtomicInteger described = new AtomicInteger();
    Object record = new Object() {
      @Override
      public String toString() {
        described.incrementAndGet();
        return "record";
      }
    };
    OperatorException downstream = new OperatorException("Sink", 0, 1, null, new Exception());

    context.failureOf(downstream, record);

    assertThat(described).hasValue(0);
  }
}
