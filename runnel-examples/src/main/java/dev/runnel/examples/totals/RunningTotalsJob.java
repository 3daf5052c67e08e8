package dev.runnel.examples.totals;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.examples.EventTimeJobIo;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import java.util.List;

/**
 * {@code running-totals}: reads orders ({@link OrderAmount}) and writes each with its customer's
 * running total ({@link RunningTotal}), in event-time order per customer: orders are held back
 * until the watermark passes them. Orders that arrive behind the watermark are written unchanged
 * to {@code --late-output} when given (and dropped otherwise; the summary counts them either way
 * as records in without a line out).
 */
public final class RunningTotalsJob implements PackagedJob {
  public static final String NAME = "running-totals";

  /** Name and uid of the keyed step that orders and sums. */
  public static final String TOTAL_STEP = "running-total";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Running total per customer, one line per order in event-time order; late orders to "
        + "the late output";
  }

  @Override
  public List<JobOption> options() {
    return EventTimeJobIo.withCommonOptions(
        List.of(EventTimeJobIo.outOfOrderness("30s")),
        "write orders that arrive behind the watermark here, unchanged (JSON lines)");
  }

  @Override
  public List<JobField> inputFields() {
    return OrderAmount.FIELDS;
  }

  @Override
  public List<JobField> outputFields() {
    return RunningTotal.FIELDS;
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    DataStream<OrderAmount> orders = EventTimeJobIo.input(env, args, OrderAmount.class,
        args.getDuration(EventTimeJobIo.OUT_OF_ORDERNESS));
    DataStream<RunningTotal> totals = orders
        .keyBy(OrderAmount::customerId)
        .process(new EventTimeRunningTotalFunction())
        .name(TOTAL_STEP)
        .uid(TOTAL_STEP);
    EventTimeJobIo.output(totals, args, RunningTotal::customerId);
    EventTimeJobIo.lateOutput(totals.getSideOutput(EventTimeRunningTotalFunction.LATE), args,
        OrderAmount::customerId);
  }
}
