package dev.runnel.examples.spikes;

import dev.runnel.api.DataStream;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.OutputTag;
import dev.runnel.examples.EventTimeJobIo;
import dev.runnel.examples.JobArgumentException;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.customers.CustomerOrder;
import dev.runnel.examples.customers.CustomerWindowTotal;
import dev.runnel.examples.customers.HourlyOrderTotalsJob;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * {@code spending-spikes}: order totals per customer and tumbling event-time window, then, per
 * customer, each window compared with the average of their earlier ones; a window more than
 * {@code --factor} times the average is reported. History is forgotten after {@code
 * --idle-timeout} without orders (an event-time timer).
 *
 * <p>Both steps keep state (window contents, each customer's history and idle timer), which makes
 * this the job the crash tests kill and restore: its output must not change.
 */
public final class SpendingSpikesJob implements PackagedJob {
  public static final String NAME = "spending-spikes";
  public static final String WINDOW = "--window";
  public static final String FACTOR = "--factor";
  public static final String MIN_WINDOWS = "--min-windows";
  public static final String IDLE_TIMEOUT = "--idle-timeout";

  /** Name and uid of the spike detector step. */
  public static final String DETECTOR_STEP = "spike-detector";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Customers whose spending in a window jumps far above their average of earlier windows";
  }

  @Override
  public List<JobOption> options() {
    return EventTimeJobIo.withCommonOptions(
        List.of(
            JobOption.withDefault(WINDOW, "1m", "the size of the tumbling windows"),
            JobOption.withDefault(FACTOR, "3",
                "report a window whose total is more than this many times the average"),
            JobOption.withDefault(MIN_WINDOWS, "3",
                "how many earlier windows a customer needs before spikes are reported"),
            JobOption.withDefault(IDLE_TIMEOUT, "1h",
                "forget a customer's history after this long without orders (event time)"),
            EventTimeJobIo.outOfOrderness("30s")),
        "write orders too late for their window here, unchanged (JSON lines)");
  }

  @Override
  public List<JobField> inputFields() {
    return CustomerOrder.FIELDS;
  }

  @Override
  public List<JobField> outputFields() {
    return List.of(
        JobField.required("customer_id", Type.STRING, "the customer"),
        JobField.required("window_start", Type.TIMESTAMP, "the window's start, included"),
        JobField.required("window_end", Type.TIMESTAMP, "the window's end, excluded"),
        JobField.required("total", Type.DECIMAL, "the customer's total in the window"),
        JobField.required("average", Type.DECIMAL,
            "the mean of the customer's earlier window totals, two decimals"),
        JobField.required("windows", Type.WHOLE_NUMBER, "how many earlier windows"));
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    DataStream<CustomerOrder> orders = EventTimeJobIo.input(env, args, CustomerOrder.class,
        args.getDuration(EventTimeJobIo.OUT_OF_ORDERNESS));
    DataStream<CustomerWindowTotal> totals = HourlyOrderTotalsJob.totals(
        orders, args.getPositiveDuration(WINDOW), Duration.ZERO);
    long minWindows = args.getLong(MIN_WINDOWS);
    if (minWindows < 1) {
      throw new JobArgumentException(
          "invalid value '" + minWindows + "' for option " + MIN_WINDOWS + ": must be at least 1");
    }
    DataStream<SpendingSpike> spikes = totals
        .keyBy(CustomerWindowTotal::customerId)
        .process(new SpikeDetector(BigDecimal.valueOf(args.getDouble(FACTOR)), minWindows,
            args.getPositiveDuration(IDLE_TIMEOUT)))
        .name(DETECTOR_STEP)
        .uid(DETECTOR_STEP);
    EventTimeJobIo.output(spikes, args, SpendingSpike::customerId);
    OutputTag<CustomerOrder> late = HourlyOrderTotalsJob.lateOrders();
    EventTimeJobIo.lateOutput(totals.getSideOutput(late), args, CustomerOrder::customerId);
  }
}
