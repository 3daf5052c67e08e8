package dev.runnel.examples.highvalue;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.FilterFunction;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.api.window.TumblingEventTimeWindows;
import dev.runnel.examples.EventTimeJobIo;
import dev.runnel.examples.EventTimestamps;
import dev.runnel.examples.JobArgumentException;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.sessions.OrderCountAndSum;
import dev.runnel.examples.totals.OrderAmount;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * {@code high-value-orders}: the orders ({@link OrderAmount}) whose amount is strictly above
 * {@code --min-amount}; per customer, event-time tumbling windows ({@code --window}, 5 minutes by
 * default) of them, one {@link HighValueWindow} per customer and window when the watermark passes
 * its end. High-value orders too late for their window go to {@code --late-output}; other orders
 * are dropped before the windows and are never late.
 */
public final class HighValueOrdersJob implements PackagedJob {
  public static final String NAME = "high-value-orders";
  public static final String WINDOW = "--window";
  public static final String MIN_AMOUNT = "--min-amount";

  /** Name and uid of the window step. */
  public static final String WINDOW_STEP = "high-value-totals";

  static final OutputTag<OrderAmount> LATE = new OutputTag<>("late-orders");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Count and total of orders above an amount per customer and event-time window";
  }

  @Override
  public List<JobOption> options() {
    return EventTimeJobIo.withCommonOptions(
        List.of(
            JobOption.withDefault(WINDOW, "5m", "the size of the tumbling windows"),
            JobOption.withDefault(MIN_AMOUNT, "100",
                "only orders with total_amount strictly greater than this count"),
            EventTimeJobIo.outOfOrderness("30s")),
        "write high-value orders too late for their window here, unchanged (JSON lines)");
  }

  @Override
  public List<JobField> inputFields() {
    return OrderAmount.FIELDS;
  }

  @Override
  public List<JobField> outputFields() {
    return List.of(
        JobField.required("customer_id", Type.STRING, "the customer"),
        JobField.required("window_end", Type.TIMESTAMP, "the window's end, excluded"),
        JobField.required("order_count", Type.WHOLE_NUMBER,
            "the customer's orders above --min-amount in the window"),
        JobField.required("total_amount", Type.DECIMAL, "the sum of their amounts"));
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    BigDecimal minAmount = minAmount(args);
    Duration window = args.getPositiveDuration(WINDOW);
    DataStream<OrderAmount> orders = EventTimeJobIo.input(env, args, OrderAmount.class,
        args.getDuration(EventTimeJobIo.OUT_OF_ORDERNESS));
    DataStream<HighValueWindow> results = highValue(orders, minAmount, window);
    EventTimeJobIo.output(results, args, HighValueWindow::customerId);
    EventTimeJobIo.lateOutput(results.getSideOutput(LATE), args, OrderAmount::customerId);
  }

  /** The pipeline alone; late orders are on the side output {@link #LATE} of the result. */
  public static DataStream<HighValueWindow> highValue(DataStream<OrderAmount> orders,
      BigDecimal minAmount, Duration window) {
    return orders
        .filter(new Above(minAmount))
        .name("high-value")
        // Chained to the one reader, so the filtered records keep the input's order and
        // watermarks.
        .setParallelism(1)
        .keyBy(OrderAmount::customerId)
        .window(TumblingEventTimeWindows.of(window))
        .sideOutputLateData(LATE)
        .aggregate(new OrderCountAndSum(), new ToHighValueWindow())
        .name(WINDOW_STEP)
        .uid(WINDOW_STEP);
  }

  private static BigDecimal minAmount(JobArguments args) {
    String text = args.getString(MIN_AMOUNT);
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new JobArgumentException(
          "invalid value '" + text + "' for option " + MIN_AMOUNT + ": not a number");
    }
  }

  /** Keeps orders whose amount is strictly greater than the minimum. */
  private record Above(BigDecimal minAmount) implements FilterFunction<OrderAmount> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(OrderAmount order) {
      return order.amount().compareTo(minAmount) > 0;
    }
  }

  /** Adds the customer and the window's end to its count and total. */
  private static final class ToHighValueWindow extends
      ProcessWindowFunction<OrderCountAndSum.Sum, HighValueWindow, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(String customer, Context<TimeWindow> ctx,
        Iterable<OrderCountAndSum.Sum> sums, Collector<HighValueWindow> out) {
      for (OrderCountAndSum.Sum sum : sums) {
        out.collect(new HighValueWindow(customer, EventTimestamps.format(ctx.window().end()),
            sum.count(), sum.total()));
      }
    }
  }
}
