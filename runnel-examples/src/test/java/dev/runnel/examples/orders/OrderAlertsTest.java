package dev.runnel.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.test.JobTester;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderAlertsTest {
  private static List<OrderAlert> run(double threshold, List<Order> orders) {
    return JobTester.forPipeline((DataStream<Order> in) -> OrderAlerts.alerts(in, threshold))
        .parallelism(2)
        .run(orders)
        .output();
  }

  private static Order order(String id, String user, String amount) {
    return new Order(id, user, new BigDecimal(amount), "2026-01-01T10:00:00Z");
  }

  private static List<OrderAlert> ofUser(List<OrderAlert> alerts, String user) {
    List<OrderAlert> result = new ArrayList<>();
    for (OrderAlert alert : alerts) {
      if (alert.customerId().equals(user)) {
        result.add(alert);
      }
    }
    return result;
  }

  @Test
  void when_ordersOfOneUser_then_totalAndCountRunInInputOrder() {
    List<OrderAlert> alerts = run(500, List.of(
        order("o1", "alice", "100.00"),
        order("o2", "alice", "250.50"),
        order("o3", "alice", "0.25")));

    assertThat(alerts).containsExactly(
        new OrderAlert("o1", "alice", new BigDecimal("100.00"), new BigDecimal("100.00"), 1, false),
        new OrderAlert("o2", "alice", new BigDecimal("250.50"), new BigDecimal("350.50"), 2, false),
        new OrderAlert("o3", "alice", new BigDecimal("0.25"), new BigDecimal("350.75"), 3, false));
  }

  @Test
  void when_totalEqualsThreshold_then_noAlert_andWhenAbove_then_alert() {
    List<OrderAlert> alerts = run(500, List.of(
        order("o1", "bob", "499.99"),
        order("o2", "bob", "0.01"),
        order("o3", "bob", "0.01")));

    assertThat(alerts).extracting(OrderAlert::total).containsExactly(
        new BigDecimal("499.99"), new BigDecimal("500.00"), new BigDecimal("500.01"));
    assertThat(alerts).extracting(OrderAlert::alert).containsExactly(false, false, true);
  }

  @Test
  void when_decimalAmountsAdded_then_totalIsExact() {
    List<OrderAlert> alerts = run(500, List.of(
        order("o1", "carol", "0.10"), order("o2", "carol", "0.20")));

    assertThat(alerts.get(1).total()).isEqualByComparingTo("0.30");
    assertThat(alerts.get(1).total().toPlainString()).isEqualTo("0.30");
  }

  @Test
  void when_manyUsers_then_eachUserHasItsOwnTotal() {
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      orders.add(order("o" + i, "user-" + (i % 7), "10.00"));
    }

    List<OrderAlert> alerts = run(200, orders);

    assertThat(alerts).hasSize(300);
    for (int u = 0; u < 7; u++) {
      List<OrderAlert> ofUser = ofUser(alerts, "user-" + u);
      for (int n = 0; n < ofUser.size(); n++) {
        OrderAlert alert = ofUser.get(n);
        assertThat(alert.orderId()).isEqualTo("o" + (n * 7 + u));
        assertThat(alert.count()).isEqualTo(n + 1);
        assertThat(alert.total())
            .isEqualByComparingTo(BigDecimal.TEN.multiply(BigDecimal.valueOf(n + 1)));
        assertThat(alert.alert()).isEqualTo(10 * (n + 1) > 200);
      }
    }
  }

  @Test
  void when_thresholdIsNegative_then_everyOrderAlerts() {
    List<OrderAlert> alerts = run(-1, List.of(order("o1", "dave", "0.00")));

    assertThat(alerts).extracting(OrderAlert::alert).containsExactly(true);
  }
}
