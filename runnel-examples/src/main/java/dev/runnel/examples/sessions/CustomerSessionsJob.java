package dev.runnel.examples.sessions;

import dev.runnel.api.DataStream;
import dev.runnel.api.OutputTag;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.functions.Collector;
import dev.runnel.api.functions.ProcessWindowFunction;
import dev.runnel.api.window.EventTimeSessionWindows;
import dev.runnel.api.window.TimeWindow;
import dev.runnel.examples.EventTimeJobIo;
import dev.runnel.examples.EventTimestamps;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobField;
import dev.runnel.examples.JobField.Type;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.totals.OrderAmount;
import java.time.Duration;
import java.util.List;

/**
 * {@code customer-sessions}: per customer, event-time session windows of orders ({@link
 * OrderAmount}): orders less than {@code --gap} apart (10 minutes by default) belong to one
 * session. One {@link CustomerSession} per session when the watermark passes its end (the last
 * order's time plus the gap). An order that cannot join or bridge a session still open, and whose
 * own session would already be over, goes to {@code --late-output}.
 */
public final class CustomerSessionsJob implements PackagedJob {
  public static final String NAME = "customer-sessions";
  public static final String GAP = "--gap";

  /** Name and uid of the window step. */
  public static final String WINDOW_STEP = "sessions";

  static final OutputTag<OrderAmount> LATE = new OutputTag<>("late-orders");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Orders and total per customer session (orders less than a gap apart)";
  }

  @Override
  public List<JobOption> options() {
    return EventTimeJobIo.withCommonOptions(
        List.of(
            JobOption.withDefault(GAP, "10m",
                "a session ends when a customer has no order for this long"),
            EventTimeJobIo.outOfOrderness("2m")),
        "write orders too late for any open session here, unchanged (JSON lines)");
  }

  @Override
  public List<JobField> inputFields() {
    return OrderAmount.FIELDS;
  }

  @Override
  public List<JobField> outputFields() {
    return List.of(
        JobField.required("customer_id", Type.STRING, "the customer"),
        JobField.required("session_start", Type.TIMESTAMP, "the first order's time"),
        JobField.required("session_end", Type.TIMESTAMP, "the last order's time plus --gap"),
        JobField.required("session_orders", Type.WHOLE_NUMBER, "orders in the session"),
        JobField.required("session_total", Type.DECIMAL, "the sum of their amounts"));
  }

  @Override
  public void build(StreamEnvironment env, JobArguments args) {
    DataStream<OrderAmount> orders = EventTimeJobIo.input(env, args, OrderAmount.class,
        args.getDuration(EventTimeJobIo.OUT_OF_ORDERNESS));
    DataStream<CustomerSession> sessions = sessions(orders, args.getPositiveDuration(GAP));
    EventTimeJobIo.output(sessions, args, CustomerSession::customerId);
    EventTimeJobIo.lateOutput(sessions.getSideOutput(LATE), args, OrderAmount::customerId);
  }

  /** The pipeline alone; late orders are on the side output {@link #LATE} of the result. */
  public static DataStream<CustomerSession> sessions(DataStream<OrderAmount> orders,
      Duration gap) {
    return orders
        .keyBy(OrderAmount::customerId)
        .window(EventTimeSessionWindows.<OrderAmount>withGap(gap))
        .sideOutputLateData(LATE)
        .aggregate(new OrderCountAndSum(), new ToSession())
        .name(WINDOW_STEP)
        .uid(WINDOW_STEP);
  }

  /** Adds the customer and the session's bounds to its count and total. */
  private static final class ToSession extends
      ProcessWindowFunction<OrderCountAndSum.Sum, CustomerSession, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(String customer, Context<TimeWindow> ctx,
        Iterable<OrderCountAndSum.Sum> sums, Collector<CustomerSession> out) {
      for (OrderCountAndSum.Sum sum : sums) {
        out.collect(new CustomerSession(customer,
            EventTimestamps.format(ctx.window().start()),
            EventTimestamps.format(ctx.window().end()), sum.count(), sum.total()));
      }
    }
  }
}
