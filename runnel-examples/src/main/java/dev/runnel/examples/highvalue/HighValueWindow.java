package dev.runnel.examples.highvalue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * A customer's high-value orders in one window: {@code {"customer_id","window_end","order_count",
 * "total_amount"}}, the window's end (excluded) as an ISO-8601 instant in UTC.
 */
@JsonPropertyOrder({"customer_id", "window_end", "order_count", "total_amount"})
public record HighValueWindow(
    @JsonProperty("customer_id") String customerId,
    @JsonProperty("window_end") String windowEnd,
    @JsonProperty("order_count") long orderCount,
    @JsonProperty("total_amount") BigDecimal totalAmount) {}
