package dev.runnel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderGeneratorTest {
  @Test
  void when_sameNumber_then_sameOrder() {
    assertThat(OrderGenerator.order(12345)).isEqualTo(OrderGenerator.order(12345));
  }

  @Test
  void when_manyOrders_then_usersAmountsAndTimestampsAreInRange() {
    Set<String> users = new HashSet<>();
    Instant previous = Instant.MIN;
    for (long i = 0; i < 10_000; i++) {
      Order order = OrderGenerator.order(i);
      users.add(order.customerId());
      assertThat(order.orderId()).isEqualTo("order-" + i);
      assertThat(order.amount()).isBetween(new BigDecimal("1.00"), new BigDecimal("300.00"));
      assertThat(order.amount().scale()).isEqualTo(2);
      Instant timestamp = Instant.parse(order.timestamp());
      assertThat(timestamp).isAfter(previous);
      previous = timestamp;
    }
    assertThat(users).hasSize(OrderGenerator.USERS);
  }
}
