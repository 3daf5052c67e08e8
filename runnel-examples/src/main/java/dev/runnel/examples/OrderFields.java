package dev.runnel.examples;

import dev.runnel.examples.JobField.Type;

/**
 * The one vocabulary of the order jobs ({@code order-alerts}, {@code running-totals}, {@code
 * hourly-order-totals}, {@code customer-sessions}, {@code high-value-orders}, {@code
 * spending-spikes}), so that one orders file serves them all. The names these jobs used before
 * they shared it ({@code user_id}; {@code total_amount}, {@code total}) are still read, as aliases,
 * so older input files keep working.
 */
public final class OrderFields {
  public static final String ORDER_ID = "order_id";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String AMOUNT = "amount";
  public static final String CATEGORY = "category";
  public static final String TIMESTAMP = "timestamp";

  /** {@value #ORDER_ID}, required. */
  public static final JobField ORDER_ID_FIELD =
      JobField.required(ORDER_ID, Type.STRING, "the order's id");

  /** {@value #CUSTOMER_ID}, required; also read from {@code user_id}. */
  public static final JobField CUSTOMER_ID_FIELD = JobField.required(CUSTOMER_ID, Type.STRING,
      "who placed the order; the key the job groups by").alsoReadFrom("user_id");

  /** {@value #AMOUNT}, required; also read from {@code total_amount} and {@code total}. */
  public static final JobField AMOUNT_FIELD = JobField.required(AMOUNT, Type.DECIMAL,
      "the order's amount, kept exactly as written").alsoReadFrom("total_amount", "total");

  /** {@value #TIMESTAMP}, required: the order's event time. */
  public static final JobField EVENT_TIME_FIELD =
      JobField.required(TIMESTAMP, Type.TIMESTAMP, "when the order was placed (event time)");

  /** {@value #CATEGORY}, optional. */
  public static final JobField CATEGORY_FIELD =
      JobField.optional(CATEGORY, Type.STRING, "the order's category; read, not used");

  private OrderFields() {}
}
