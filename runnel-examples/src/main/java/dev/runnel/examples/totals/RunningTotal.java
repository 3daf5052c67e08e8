package dev.runnel.examples.totals;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import java.math.BigDecimal;
import java.util.List;

/**
 * One order with its customer's running total up to and including it, in event-time order:
 * {@code {"order_id","customer_id","amount","timestamp","running_total"}}, the timestamp as an
 * ISO-8601 instant in UTC.
 */
@JsonPropertyOrder({"order_id", "customer_id", "amount", "timestamp", "running_total"})
public record RunningTotal(
    @JsonProperty("order_id") String orderId,
    @JsonProperty("customer_id") String customerId,
    @JsonProperty("amount") BigDecimal amount,
    @JsonProperty("timestamp") String timestamp,
    @JsonProperty("running_total") BigDecimal runningTotal) {

  /** The fields of an output line, in order. */
  public static final List<JobField> FIELDS = List.of(
      JobField.required("order_id", Type.STRING, "the order's id"),
      JobField.required("customer_id", Type.STRING, "the order's customer"),
      JobField.required("amount", Type.DECIMAL, "the order's amount, as read"),
      JobField.required("timestamp", Type.TIMESTAMP, "the order's event time"),
      JobField.required("running_total", Type.DECIMAL,
          "the customer's total up to this order in event-time order, this order included"));
}
