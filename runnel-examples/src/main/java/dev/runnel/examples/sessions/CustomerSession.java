package dev.runnel.examples.sessions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One session of a customer's orders: {@code {"customer_id","session_start","session_end",
 * "session_orders","session_total"}}; the start is the first order's time, the end the last
 * order's time plus the gap, both ISO-8601 instants in UTC.
 */
@JsonPropertyOrder({"customer_id", "session_start", "session_end", "session_orders",
    "session_total"})
public record CustomerSession(
    @JsonProperty("customer_id") String customerId,
    @JsonProperty("session_start") String sessionStart,
    @JsonProperty("session_end") String sessionEnd,
    @JsonProperty("session_orders") long sessionOrders,
    @JsonProperty("session_total") BigDecimal sessionTotal) {}
