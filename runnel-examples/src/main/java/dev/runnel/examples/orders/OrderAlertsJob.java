package dev.runnel.examples.orders;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.io.JobIo;
import java.util.List;

/**
 * {@code order-alerts}: reads orders as JSON (lines of a file, or values of a topic), keeps a
 * running total and count per customer and writes one JSON line or record per order with the
 * total, the count and an alert flag (total above {@code --threshold}), keyed by customer on a
 * topic. See {@link Order} for the input and {@link OrderAlert} for the output.
 *
 * <p>An input record that cannot be decoded fails the job, with where it was (file and line, or
 * topic, partition and offset) in the error; with {@code --dead-letter-output FILE|kafka:TOPIC}
 * such records are written there instead (as {@code DeadLetter} JSON) and the job goes on.
 */
public final class OrderAlertsJob implements PackagedJob {
  public static final String NAME = "order-alerts";
  public static final String THRESHOLD = "--threshold";
  public static final String DEAD_LETTER_OUTPUT = "--dead-letter-output";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Running total and order count per customer, flagging orders once the total exceeds "
        + "a threshold";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.withDefault(THRESHOLD, "500",
            "alert when a customer's running total is strictly greater than this amount"),
        JobOption.optional(DEAD_LETTER_OUTPUT,
            "write input records that cannot be decoded to this file (JSON lines) or topic "
                + "(kafka:TOPIC) instead of failing the job"));
  }

  @Override
  public List<JobField> inputFields() {
    return Order.FIELDS;
  }

  @Override
  public List<JobField> outputFields() {
    return OrderAlert.FIELDS;
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    double threshold = args.getDouble(THRESHOLD);
    // One reader keeps each customer's orders in input order, which the running totals, and the
    // promise that output follows input per customer, depend on.
    DataStream<Order> orders = JobIo.input(env, args, Order.class, null,
        args.findEndpoint(DEAD_LETTER_OUTPUT));
    JobIo.output(OrderAlerts.alerts(orders, threshold), args.outputEndpoint(), args,
        OrderAlert::customerId, OUTPUT_STEP);
  }
}
