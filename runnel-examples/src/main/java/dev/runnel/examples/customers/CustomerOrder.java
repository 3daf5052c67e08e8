package dev.runnel.examples.customers;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.examples.EventRecord;
import dev.runnel.examples.EventTimestamps;
import dev.runnel.examples.JobField;
import dev.runnel.examples.OrderFields;
import dev.runnel.examples.json.JsonInput;
import dev.runnel.examples.json.JsonRecordDeserializer;
import java.math.BigDecimal;
import java.util.List;

/**
 * One customer order, read from a JSON line such as {@code {"order_id":"o-1","customer_id":"c-7",
 * "amount":120.50,"category":"books","timestamp":"2026-01-01T10:00:00Z"}} in the order jobs'
 * vocabulary ({@link OrderFields}; {@code total} is still read for {@code amount}). All fields but
 * {@code category} are required; the amount is kept exactly as written. Written back as the
 * object it was read from.
 */
@JsonDeserialize(using = CustomerOrder.Decoder.class)
public record CustomerOrder(String orderId, String customerId, BigDecimal amount, String category,
    long timestamp, ObjectNode json) implements EventRecord {

  /** The fields an order is read from. */
  public static final List<JobField> FIELDS = List.of(OrderFields.ORDER_ID_FIELD,
      OrderFields.CUSTOMER_ID_FIELD, OrderFields.AMOUNT_FIELD, OrderFields.CATEGORY_FIELD,
      OrderFields.EVENT_TIME_FIELD);

  /** An order with its JSON built from the fields, for tests and generators. */
  public static CustomerOrder of(String orderId, String customerId, BigDecimal amount,
      String category, long timestamp) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put(OrderFields.ORDER_ID, orderId)
        .put(OrderFields.CUSTOMER_ID, customerId)
        .put(OrderFields.AMOUNT, amount)
        .put(OrderFields.CATEGORY, category)
        .put(OrderFields.TIMESTAMP, EventTimestamps.format(timestamp));
    return new CustomerOrder(orderId, customerId, amount, category, timestamp, json);
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
      super(CustomerOrder.class, FIELDS);
    }

    @Override
    protected CustomerOrder fromJson(JsonInput in) {
      return new CustomerOrder(
          in.text(OrderFields.ORDER_ID),
          in.text(OrderFields.CUSTOMER_ID),
          in.decimal(OrderFields.AMOUNT),
          in.optionalText(OrderFields.CATEGORY),
          in.timestamp(OrderFields.TIMESTAMP),
          in.json());
    }
  }
}
