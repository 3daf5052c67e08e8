package dev.runnel.examples.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.examples.cep.CardTestingFraud.Alert;
import dev.runnel.examples.cep.CardTestingFraud.Charge;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardTestingFraudTest {
  private static final long T = 1_700_000_000_000L;
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();

  private static List<Alert> run(Charge... charges) {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    DataStream<Charge> input = env.fromElements(charges).assignTimestampsAndWatermarks(
        WatermarkStrategy.<Charge>forBoundedOutOfOrderness(Duration.ofMinutes(1))
            .withTimestampAssigner((c, previous) -> c.timestamp()));
    return CardTestingFraud.alerts(input).executeAndCollect();
  }

  @Test
  void three_small_charges_then_a_large_one_raise_an_alert() {
    assertThat(run(
        new Charge("4111", 0.50, T), new Charge("4111", 0.99, T + MINUTE),
        new Charge("4111", 0.10, T + 2 * MINUTE), new Charge("4111", 12.00, T + 3 * MINUTE),
        new Charge("4111", 750.00, T + 4 * MINUTE)))
        .containsExactly(new Alert("4111", List.of(0.50, 0.99, 0.10), 750.00));
  }

  @Test
  void when_charges_arrive_out_of_order_then_they_are_matched_by_time() {
    assertThat(run(
        new Charge("4111", 0.99, T + MINUTE), new Charge("4111", 0.50, T),
        new Charge("4111", 750.00, T + 3 * MINUTE), new Charge("4111", 0.10, T + 2 * MINUTE)))
        .containsExactly(new Alert("4111", List.of(0.50, 0.99, 0.10), 750.00));
  }

  @Test
  void no_alert_when_the_small_charges_are_not_in_a_row_or_too_old_or_on_other_cards() {
    assertThat(run(
        // not in a row
        new Charge("1", 0.50, T), new Charge("1", 20.00, T + 1), new Charge("1", 0.50, T + 2),
        new Charge("1", 0.50, T + 3), new Charge("1", 900.00, T + 4),
        // the large charge comes 10 minutes after the first small one
        new Charge("2", 0.50, T), new Charge("2", 0.50, T + 1), new Charge("2", 0.50, T + 2),
        new Charge("2", 900.00, T + 10 * MINUTE),
        // small charges on one card, the large one on another
        new Charge("3", 0.50, T), new Charge("3", 0.50, T + 1), new Charge("3", 0.50, T + 2),
        new Charge("4", 900.00, T + 3)))
        .isEmpty();
  }

  @Test
  void charges_of_one_alert_start_no_other() {
    // Four small charges: without skipPastLastEvent, 0.1-0.2-0.3 and 0.2-0.3-0.4 would both alert.
    assertThat(run(
        new Charge("4111", 0.10, T), new Charge("4111", 0.20, T + 1),
        new Charge("4111", 0.30, T + 2), new Charge("4111", 0.40, T + 3),
        new Charge("4111", 600.00, T + 4)))
        .containsExactly(new Alert("4111", List.of(0.10, 0.20, 0.30), 600.00));
  }
}
