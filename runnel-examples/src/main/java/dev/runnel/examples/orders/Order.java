package dev.runnel.examples.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.runnel.examples.JobField;
import dev.runnel.examples.OrderFields;
import dev.runnel.examples.json.JsonInput;
import dev.runnel.examples.json.JsonRecordDeserializer;
import java.math.BigDecimal;
import java.util.List;

/**
 * One order, as read from a JSON line such as {@code {"order_id":"o-1","customer_id":"c-7",
 * "amount":12.50,"timestamp":"2026-01-01T10:00:00.123Z"}}, in the order jobs' vocabulary ({@link
 * OrderFields}; {@code user_id} is still read for {@code customer_id}).
 *
 * <p>{@code order_id}, {@code customer_id} and {@code amount} are required; a line without them,
 * or with a null or blank id or an amount that is not a number, cannot be decoded and is rejected
 * by the source. The amount is kept exactly as written ({@link BigDecimal}), so totals of money do
 * not drift. The timestamp (an ISO-8601 instant or epoch milliseconds) is kept as given, as text;
 * it is optional and not used for computing yet.
 */
@JsonDeserialize(using = Order.Decoder.class)
public record Order(
    @JsonProperty("order_id") String orderId,
    @JsonProperty("customer_id") String customerId,
    @JsonProperty("amount") BigDecimal amount,
    @JsonProperty("timestamp") String timestamp) {

  /** The fields an order is read from. */
  public static final List<JobField> FIELDS = List.of(
      OrderFields.ORDER_ID_FIELD,
      OrderFields.CUSTOMER_ID_FIELD,
      OrderFields.AMOUNT_FIELD,
      JobField.optional(OrderFields.TIMESTAMP, JobField.Type.TIMESTAMP,
          "kept as given; not used yet"));

  public Order {
    if (orderId == null || orderId.isBlank()) {
      throw new IllegalArgumentException("order_id must not be null or blank");
    }
    if (customerId == null || customerId.isBlank()) {
      throw new IllegalArgumentException(
          "customer_id of order " + orderId + " must not be null or blank");
    }
    if (amount == null) {
      throw new IllegalArgumentException("amount of order " + orderId + " must not be null");
    }
  }

  /** Reads an {@link Order} from its JSON object. */
  static final class Decoder extends JsonRecordDeserializer<Order> {
    private static final long serialVersionUID = 1L;

    Decoder() {
      super(Order.class, FIELDS);
    }

    @Override
    protected Order fromJson(JsonInput in) {
      return new Order(
          in.text(OrderFields.ORDER_ID),
          in.text(OrderFields.CUSTOMER_ID),
          in.decimal(OrderFields.AMOUNT),
          in.optionalText(OrderFields.TIMESTAMP));
    }
  }
}
