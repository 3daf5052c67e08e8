package dev.runnel.examples.totals;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.examples.EventRecord;
import dev.runnel.examples.EventTimestamps;
import dev.runnel.examples.json.JsonFields;
import dev.runnel.examples.json.JsonRecordDeserializer;
import java.math.BigDecimal;

/**
 * One order with its amount, read from a JSON line such as {@code {"order_id":"o-1",
 * "customer_id":"c-7","total_amount":120.50,"timestamp":"2026-01-01T10:00:00Z"}}; all four fields
 * are required, the amount is kept exactly as written. Written back as the object it was read
 * from.
 */
@JsonDeserialize(using = OrderAmount.Decoder.class)
public record OrderAmount(String orderId, String customerId, BigDecimal totalAmount,
    long timestamp, ObjectNode json) implements EventRecord {

  /** An order with its JSON built from the fields, for tests and generators. */
  public static OrderAmount of(String orderId, String customerId, BigDecimal totalAmount,
      long timestamp) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("order_id", orderId)
        .put("customer_id", customerId)
        .put("total_amount", totalAmount)
        .put("timestamp", EventTimestamps.format(timestamp));
    return new OrderAmount(orderId, customerId, totalAmount, timestamp, json);
  }

  @JsonValue
  @Override
  public ObjectNode json() {
    return json;
  }

  /** Reads an {@link OrderAmount} from its JSON object. */
  static final class Decoder extends JsonRecordDeserializer<OrderAmount> {
    private static final long serialVersionUID = 1L;

    Decoder() {
      super(OrderAmount.class);
    }

    @Override
    protected OrderAmount fromJson(ObjectNode json) {
      return new OrderAmount(
          JsonFields.text(json, "order_id"),
          JsonFields.text(json, "customer_id"),
          JsonFields.decimal(json, "total_amount"),
          JsonFields.timestamp(json, "timestamp"),
          json);
    }
  }
}
