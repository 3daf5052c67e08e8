package dev.runnel.examples.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import java.math.BigDecimal;
import java.util.List;

/**
 * The result for one order: the customer's running total and order count including this order,
 * and whether that total exceeds the alert threshold. Written as the JSON line
 * {@code {"order_id":…,"customer_id":…,"amount":…,"total":…,"count":…,"alert":…}}.
 */
@JsonPropertyOrder({"order_id", "customer_id", "amount", "total", "count", "alert"})
public record OrderAlert(
    @JsonProperty("order_id") String orderId,
    @JsonProperty("customer_id") String customerId,
    @JsonProperty("amount") BigDecimal amount,
    @JsonProperty("total") BigDecimal total,
    @JsonProperty("count") long count,
    @JsonProperty("alert") boolean alert) {

  /** The fields of an output line, in order. */
  public static final List<JobField> FIELDS = List.of(
      JobField.required("order_id", Type.STRING, "the order's id"),
      JobField.required("customer_id", Type.STRING, "the order's customer"),
      JobField.required("amount", Type.DECIMAL, "the order's amount, as read"),
      JobField.required("total", Type.DECIMAL,
          "the customer's running total, this order included"),
      JobField.required("count", Type.WHOLE_NUMBER,
          "the customer's orders so far, this one included"),
      JobField.required("alert", Type.BOOLEAN, "whether total is above --threshold"));
}
