package dev.runnel.examples.customers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * A customer's orders in one window: {@code {"customer_id","window_start","window_end","count",
 * "total"}}, the bounds as ISO-8601 instants in UTC (start included, end excluded).
 */
@JsonPropertyOrder({"customer_id", "window_start", "window_end", "count", "total"})
public record CustomerWindowTotal(
    @JsonProperty("customer_id") String customerId,
    @JsonProperty("window_start") String windowStart,
    @JsonProperty("window_end") String windowEnd,
    @JsonProperty("count") long count,
    @JsonProperty("total") BigDecimal total) {}
