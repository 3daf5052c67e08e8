package dev.runnel.examples.customers;

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
 * One customer order, read from a JSON line such as {@code {"order_id":"o-1","customer_id":"c-7",
 * "total":120.50,"category":"books","timestamp":"2026-01-01T10:00:00Z"}}. All fields but {@code
 * category} are required; the total is kept exactly as written. Written back as the object it was
 * read from.
 */
@JsonDeserialize(using = CustomerOrder.Decoder.class)
public record CustomerOrder(String orderId, String customerId, BigDecimal total, String category,
    long timestamp, ObjectNode json) implements EventRecord {

  /** An order with its JSON built from the fields, for tests and generators. */
  public static CustomerOrder of(String orderId, String customerId, BigDecimal total,
      String category, long timestamp) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("order_id", orderId)
        .put("customer_id", customerId)
        .put("total", total)
        .put("category", category)
        .put("timestamp", EventTimestamps.format(timestamp));
    return new CustomerOrder(orderId, customerId, total, category, timestamp, json);
  }

  @JsonValue
  @Override
  public ObjectNode json() {
    return json;
  }

  /** Reads a {@link CustomerOrder} from its JSON object. */
  static final class Decoder extends JsonRecordDeserializer<CustomerOrder> {
    private static final long serialVersionUID = 1L;

    Decoder() {
      super(CustomerOrder.class);
    }

    @Override
    protected CustomerOrder fromJson(ObjectNode json) {
      return new CustomerOrder(
          JsonFields.text(json, "order_id"),
          JsonFields.text(json, "customer_id"),
          JsonFields.decimal(json, "total"),
          JsonFields.optionalText(json, "category"),
          JsonFields.timestamp(json, "timestamp"),
          json);
    }
  }
}
