package dev.runnel.examples.orders;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.connector.file.BadRecordPolicy;
import dev.runnel.connector.file.FileSink;
import dev.runnel.connector.file.FileSource;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.json.JsonRecordDeserializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code order-alerts}: reads orders as JSON lines, keeps a running total and count per customer
 * and writes one JSON line per order with the total, the count and an alert flag (total above
 * {@code --threshold}). See {@link Order} for the input and {@link OrderAlert} for the output.
 *
 * <p>An input line that cannot be decoded fails the job, with the file and line in the error;
 * with {@code --dead-letter-output FILE} such lines are written to that file instead (as {@code
 * DeadLetter} JSON lines) and the job goes on.
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
            "write input lines that cannot be decoded to this file (JSON lines) instead of "
                + "failing the job"));
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
    Optional<Path> deadLetterOutput = args.findPath(DEAD_LETTER_OUTPUT);

    FileSource.Builder<Order> builder = FileSource.jsonLines(args.input(), Order.class,
            JsonRecordDeserializer.attributes(args.fieldMapping()))
        .onBadRecord(
            deadLetterOutput.isPresent() ? BadRecordPolicy.DEAD_LETTER : BadRecordPolicy.FAIL);
    args.rate().ifPresent(builder::withRate);
    FileSource<Order> source = builder.build();
    // One reader keeps each customer's orders in input order (files by name, lines in file
    // order), which the running totals, and the promise that output follows input per customer,
    // depend on.
    DataStream<Order> orders = env.fromSource(source, INPUT_STEP).setParallelism(1);

    OrderAlerts.alerts(orders, threshold)
        .sinkTo(FileSink.jsonLines(args.output()))
        .name(OUTPUT_STEP)
        .setParallelism(1);

    deadLetterOutput.ifPresent(file -> orders
        .getSideOutput(FileSource.DEAD_LETTERS)
        .sinkTo(FileSink.jsonLines(file))
        .name(DEAD_LETTER_STEP)
        .setParallelism(1));
  }
}
