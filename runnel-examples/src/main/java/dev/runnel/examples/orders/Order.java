package dev.runnel.examples.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One order, as read from a JSON line such as
 * {@code {"order_id":"o-1","user_id":"u-7","amount":12.50,"timestamp":"2026-01-01T10:00:00.123Z"}}.
 *
 * <p>{@code order_id}, {@code user_id} and {@code amount} are required; a line without them, or
 * with a null id or an amount that is not a number, cannot be decoded and is rejected by the
 * source. The amount is kept exactly as written ({@link BigDecimal}), so totals of money do not
 * drift. The timestamp (an ISO-8601 instant or epoch milliseconds) is kept as given, as text; it is
 * optional and not used for computing yet.
 */
public record Order(
    @JsonProperty(value = "order_id", required = true) String orderId,
    @JsonProperty(value = "user_id", required = true) String userId,
    @JsonProperty(value = "amount", required = true) BigDecimal amount,
    @JsonProperty("timestamp") String timestamp) {

  public Order {
    if (orderId == null || orderId.isBlank()) {
      throw new IllegalArgumentException("order_id must not be null or blank");
    }
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException(
          "user_id of order " + orderId + " must not be null or blank");
    }
    if (amount == null) {
      throw new IllegalArgumentException("amount of order " + orderId + " must not be null");
    }
  }
}
