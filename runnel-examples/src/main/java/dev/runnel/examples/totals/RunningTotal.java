package dev.runnel.examples.totals;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One order with its customer's running total up to and including it, in event-time order:
 * {@code {"order_id","customer_id","total_amount","timestamp","running_total"}}, the timestamp as
 * an ISO-8601 instant in UTC.
 */
@JsonPropertyOrder({"order_id", "customer_id", "total_amount", "timestamp", "running_total"})
public record RunningTotal(
    @JsonProperty("order_id") String orderId,
    @JsonProperty("customer_id") String customerId,
    @JsonProperty("total_amount") BigDecimal totalAmount,
    @JsonProperty("timestamp") String timestamp,
    @JsonProperty("running_total") BigDecimal runningTotal) {}
