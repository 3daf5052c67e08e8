package dev.runnel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.test.OneInputOperatorHarness;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The keyed function alone, driven record by record through the operator harness. */
class RunningTotalFunctionTest {

  private static Order order(String id, String user, String amount) {
    return new Order(id, user, new BigDecimal(amount), null);
  }

  @Test
  void when_twoUsersInterleave_then_eachKeepsItsOwnTotalAndCount() throws Exception {
    try (var harness = OneInputOperatorHarness.forKeyedProcess(
        new RunningTotalFunction(new BigDecimal("100")), Order::customerId)) {
      harness.open();
      harness.processElement(order("o1", "ann", "60"));
      harness.processElement(order("o2", "ben", "10"));
      harness.processElement(order("o3", "ann", "50"));
      harness.processElement(order("o4", "ben", "5"));

      assertThat(harness.output()).containsExactly(
          new OrderAlert("o1", "ann", new BigDecimal("60"), new BigDecimal("60"), 1, false),
          new OrderAlert("o2", "ben", new BigDecimal("10"), new BigDecimal("10"), 1, false),
          new OrderAlert("o3", "ann", new BigDecimal("50"), new BigDecimal("110"), 2, true),
          new OrderAlert("o4", "ben", new BigDecimal("5"), new BigDecimal("15"), 2, false));
    }
  }
}
