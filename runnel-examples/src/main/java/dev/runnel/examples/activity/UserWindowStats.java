package dev.runnel.examples.activity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * A user's transactions in one window: {@code {"user_id","window_start","window_end",
 * "transaction_count","total_amount","avg_amount","min_amount","max_amount"}}, the bounds as
 * ISO-8601 instants in UTC (start included, end excluded).
 */
@JsonPropertyOrder({"user_id", "window_start", "window_end", "transaction_count", "total_amount",
    "avg_amount", "min_amount", "max_amount"})
public record UserWindowStats(
    @JsonProperty("user_id") String userId,
    @JsonProperty("window_start") String windowStart,
    @JsonProperty("window_end") String windowEnd,
    @JsonProperty("transaction_count") long transactionCount,
    @JsonProperty("total_amount") BigDecimal totalAmount,
    @JsonProperty("avg_amount") BigDecimal avgAmount,
    @JsonProperty("min_amount") BigDecimal minAmount,
    @JsonProperty("max_amount") BigDecimal maxAmount) {}
