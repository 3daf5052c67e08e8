package dev.runnel.examples.totals;

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
 * One order with its amount, read from a JSON line such as {@code {"order_id":"o-1",
 * "customer_id":"c-7","amount":120.50,"timestamp":"2026-01-01T10:00:00Z"}} in the order jobs'
 * vocabulary ({@link OrderFields}; {@code total_amount} is still read for {@code amount}); all
 * four fields are required, the amount is kept exactly as written. Written back as the object it
 * was read from.
 */
@JsonDeserialize(using = OrderAmount.Decoder.class)
public record OrderAmount(String orderId, String customerId, BigDecimal amount,
    long timestamp, ObjectNode json) implements EventRecord {

  /** The fields an order is read from. */
  public static final List<JobField> FIELDS = List.of(OrderFields.ORDER_ID_FIELD,
      OrderFields.CUSTOMER_ID_FIELD, OrderFields.AMOUNT_FIELD, OrderFields.EVENT_TIME_FIELD);

  /** An order with its JSON built from the fields, for tests and generators. */
  public static OrderAmount of(String orderId, String customerId, BigDecimal amount,
      long timestamp) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put(OrderFields.ORDER_ID, orderId)
        .put(OrderFields.CUSTOMER_ID, customerId)
        .put(OrderFields.AMOUNT, amount)
        .put(OrderFields.TIMESTAMP, EventTimestamps.format(timestamp));
    return new OrderAmount(orderId, customerId, amount, timestamp, json);
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
      super(OrderAmount.class, FIELDS);
    }

    @Override
    protected OrderAmount fromJson(JsonInput in) {
      return new OrderAmount(
          in.text(OrderFields.ORDER_ID),
          in.text(OrderFields.CUSTOMER_ID),
          in.decimal(OrderFields.AMOUNT),
          in.timestamp(OrderFields.TIMESTAMP),
          in.json());
    }
  }
}
