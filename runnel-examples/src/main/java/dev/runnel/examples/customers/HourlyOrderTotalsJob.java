package dev.runnel.examples.customers;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.examples.EventTimeJobIo;
import dev.runnel.examples.EventTimestamps;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import java.time.Duration;
import java.util.List;

/**
 * {@code hourly-order-totals}: per customer, event-time tumbling windows ({@code --window}, an
 * hour by default) of orders ({@link CustomerOrder}), one {@link CustomerWindowTotal} per window
 * when the watermark passes its end. With {@code --allowed-lateness}, an order that arrives after
 * its window fired but within the lateness updates the window, which is written again with the
 * new count and total. Orders later than that go to {@code --late-output}.
 */
public final class HourlyOrderTotalsJob implements PackagedJob {
  public static final String NAME = "hourly-order-totals";
  public static final String WINDOW = "--window";
  public static final String ALLOWED_LATENESS = "--allowed-lateness";

  /** Name and uid of the window step. */
  public static final String WINDOW_STEP = "hourly-totals";

  static final OutputTag<CustomerOrder> LATE = new OutputTag<>("late-orders");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Order count and total per customer and event-time window (an hour by default)";
  }

  @Override
  public List<JobOption> options() {
    return EventTimeJobIo.withCommonOptions(
        List.of(
            JobOption.withDefault(WINDOW, "1h", "the size of the tumbling windows"),
            EventTimeJobIo.outOfOrderness("30s"),
            JobOption.withDefault(ALLOWED_LATENESS, "0s",
                "how long after a window fired its late orders still update it (the window "
                    + "is written again)")),
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
        JobField.required("count", Type.WHOLE_NUMBER, "the customer's orders in the window"),
        JobField.required("total", Type.DECIMAL, "the sum of their amounts"));
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    DataStream<CustomerOrder> orders = EventTimeJobIo.input(env, args, CustomerOrder.class,
        args.getDuration(EventTimeJobIo.OUT_OF_ORDERNESS));
    DataStream<CustomerWindowTotal> totals = totals(orders, args.getPositiveDuration(WINDOW),
        args.getDuration(ALLOWED_LATENESS));
    EventTimeJobIo.output(totals, args, CustomerWindowTotal::customerId);
    EventTimeJobIo.lateOutput(totals.getSideOutput(LATE), args, CustomerOrder::customerId);
  }

  /** The side output of {@link #totals} with the orders too late for their window. */
  public static OutputTag<CustomerOrder> lateOrders() {
    return LATE;
  }

  /** The pipeline alone; late orders are on the side output {@link #LATE} of the result. */
  public static DataStream<CustomerWindowTotal> totals(DataStream<CustomerOrder> orders,
      Duration window, Duration allowedLateness) {
    return orders
        .keyBy(CustomerOrder::customerId)
        .window(TumblingEventTimeWindows.of(window))
        .allowedLateness(allowedLateness)
        .sideOutputLateData(LATE)
        .aggregate(new OrderCountAndTotal(), new ToWindowTotal())
        .name(WINDOW_STEP)
        .uid(WINDOW_STEP);
  }

  /** Adds the customer and the window's bounds to its count and total. */
  private static final class ToWindowTotal extends
      ProcessWindowFunction<OrderCountAndTotal.Sum, CustomerWindowTotal, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(String customer, Context<TimeWindow> ctx,
        Iterable<OrderCountAndTotal.Sum> sums, Collector<CustomerWindowTotal> out) {
      for (OrderCountAndTotal.Sum sum : sums) {
        out.collect(new CustomerWindowTotal(customer,
            EventTimestamps.format(ctx.window().start()),
            EventTimestamps.format(ctx.window().end()), sum.count(), sum.total()));
      }
    }
  }
}
