package dev.runnel.examples.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * The result for one order: the user's running total and order count including this order, and
 * whether that total exceeds the alert threshold. Written as the JSON line
 * {@code {"order_id":…,"user_id":…,"amount":…,"total":…,"count":…,"alert":…}}.
 */
@JsonPropertyOrder({"order_id", "user_id", "amount", "total", "count", "alert"})
public record OrderAlert(
    @JsonProperty("order_id") String orderId,
    @JsonProperty("user_id") String userId,
    @JsonProperty("amount") BigDecimal amount,
    @JsonProperty("total") BigDecimal total,
    @JsonProperty("count") long count,
    @JsonProperty("alert") boolean alert) {}
