package dev.runnel.examples.cep;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.cep.AfterMatchSkipStrategy;
import dev.runnel.cep.CEP;
import dev.runnel.cep.Pattern;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * "Card testing" fraud with CEP: a stolen card is first tried with a few small charges, then used
 * for a large one. Three charges under 1.00 in a row on one card, then (possibly after other
 * charges) one over 500.00, all within ten minutes, raise an alert. Once alerted, the charges in it
 * start no other alert ({@code skipPastLastEvent}).
 */
public final class CardTestingFraud {
  private CardTestingFraud() {}

  /** A card charge; {@code timestamp} in epoch milliseconds. */
  public record Charge(String card, double amount, long timestamp) implements Serializable {}

  /** The alert: the card, the small charges and the large one. */
  public record Alert(String card, List<Double> smallCharges, double largeCharge) {}

  /** The pattern: three small charges in a row, then a large one, within ten minutes. */
  public static Pattern<Charge> pattern() {
    return Pattern.<Charge>begin("small", AfterMatchSkipStrategy.skipPastLastEvent())
        .where(c -> c.amount() < 1.00).times(3).consecutive()
        .followedBy("large").where(c -> c.amount() > 500.00)
        .within(Duration.ofMinutes(10));
  }

  /** Alerts over {@code charges}, which must carry event timestamps. */
  public static DataStream<Alert> alerts(DataStream<Charge> charges) {
    return CEP.pattern(charges.keyBy(Charge::card), pattern()).select(CardTestingFraud::alert);
  }

  private static Alert alert(Map<String, List<Charge>> match) {
    Charge large = match.get("large").get(0);
    return new Alert(large.card(),
        match.get("small").stream().map(Charge::amount).toList(), large.amount());
  }

  public static void main(String[] args) {
    StreamEnvironment env = StreamEnvironment.create();
    long t = 1_700_000_000_000L;
    DataStream<Charge> charges = env.fromElements(
            new Charge("4111", 0.50, t), new Charge("4111", 0.99, t + 1_000),
            new Charge("4111", 0.10, t + 2_000), new Charge("4111", 750.00, t + 60_000),
            new Charge("5500", 0.50, t), new Charge("5500", 25.00, t + 1_000))
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Charge>forMonotonousTimestamps()
            .withTimestampAssigner((c, previous) -> c.timestamp()));
    alerts(charges).print();
    env.execute("card-testing-fraud");
  }
}
