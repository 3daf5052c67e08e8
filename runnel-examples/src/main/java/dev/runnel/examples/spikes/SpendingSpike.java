package dev.runnel.examples.spikes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * A customer's window total that is far above their average of earlier windows.
 *
 * @param average the mean of the customer's earlier window totals (two decimals)
 * @param windows how many earlier windows the average is over
 */
public record SpendingSpike(
    @JsonProperty("customer_id") String customerId,
    @JsonProperty("window_start") String windowStart,
    @JsonProperty("window_end") String windowEnd,
    @JsonProperty("total") BigDecimal total,
    @JsonProperty("average") BigDecimal average,
    @JsonProperty("windows") long windows) {}
