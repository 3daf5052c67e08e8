package dev.runnel.cli;

import dev.runnel.api.DataStream;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.connector.PrintSink;
import dev.runnel.api.eventtime.WatermarkStrategy;
import dev.runnel.examples.ToJsonLine;
import dev.runnel.examples.customers.CustomerOrder;
import dev.runnel.examples.customers.CustomerWindowTotal;
import dev.runnel.examples.customers.FastOrderGenerator;
import dev.runnel.examples.customers.HourlyOrderTotalsJob;
import dev.runnel.examples.orders.OrderAlert;
import dev.runnel.examples.orders.OrderAlerts;
import dev.runnel.examples.orders.Order;
import dev.runnel.examples.orders.OrderGenerator;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel demo}: a packaged pipeline on an endless stream of generated orders, each result
 * printed to standard output as a JSON line as soon as it is computed, until Ctrl-C. {@code --job
 * order-alerts} (the default) runs the running totals of order-alerts; {@code --job
 * hourly-order-totals} runs event-time hourly windows over orders whose event time advances one
 * minute per order, so that at the default rate a window closes every 3 seconds.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Runs a job on generated orders, printing each result as a JSON line, until Ctrl-C.",
        "Orders come from " + OrderGenerator.USERS + " users, with amounts from 1.00 to 300.00.",
        "order-alerts: each order with its customer's running total, flagged above --threshold.",
        "hourly-order-totals: per customer, the count and total of each event-time hour, written "
            + "when the hour closes; one order is one minute of event time, so at 20 orders/s "
            + "an hour closes every 3 s."
    })
final class DemoCommand implements Callable<Integer> {
  static final String ORDER_ALERTS = "order-alerts";
  static final String HOURLY_ORDER_TOTALS = "hourly-order-totals";
  static final List<String> JOBS = List.of(ORDER_ALERTS, HOURLY_ORDER_TOTALS);

  private final PrintStream results;

  @Spec private CommandSpec spec;

  @Option(names = "--job", paramLabel = "JOB", showDefaultValue = Visibility.ALWAYS,
      completionCandidates = Jobs.class,
      description = "the job to run: ${COMPLETION-CANDIDATES}")
  private String job = ORDER_ALERTS;

  @Option(names = "--rate", paramLabel = "N", showDefaultValue = Visibility.ALWAYS,
      description = "orders generated per second")
  private double rate = 20;

  @Option(names = "--threshold", paramLabel = "AMOUNT", showDefaultValue = Visibility.ALWAYS,
      description = "order-alerts: alert when a customer's running total is strictly greater than "
          + "this amount")
  private double threshold = OrderAlerts.DEFAULT_THRESHOLD;

  DemoCommand(PrintStream results) {
    this.results = results;
  }

  @Override
  public Integer call() {
    validate();
    PrintWriter err = spec.commandLine().getErr();
    err.println(job.equals(ORDER_ALERTS)
        ? String.format(Locale.ROOT,
            "runnel: demo: order alerts over %d users, %s orders/s, threshold %s; Ctrl-C to stop",
            OrderGenerator.USERS, format(rate), format(threshold))
        : String.format(Locale.ROOT,
            "runnel: demo: hourly order totals over %d users, %s orders/s, one order per minute "
                + "of event time; Ctrl-C to stop",
            OrderGenerator.USERS, format(rate)));
    err.flush();
    JobResult result;
    try (CancelOnShutdown running = CancelOnShutdown.start(build(), jobName())) {
      result = running.job().await();
    } catch (JobExecutionException e) {
      err.println("runnel: " + ErrorReporter.describeFailure(e));
      err.flush();
      return ErrorReporter.FAILED;
    }
    err.println("runnel: demo stopped after " + result.counter("orders.recordsOut") + " orders");
    err.flush();
    return 0;
  }

  private void validate() {
    if (!JOBS.contains(job)) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + job + "' for option --job: expected one of "
              + String.join(", ", JOBS));
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + format(rate) + "' for option --rate: must be a number above 0");
    }
    if (!Double.isFinite(threshold)) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + format(threshold) + "' for option --threshold: not a finite number");
    }
  }

  /** Starts the demo job without waiting for it; for tests. */
  JobHandle start() {
    validate();
    return build().executeAsync(jobName());
  }

  private String jobName() {
    return job + "-demo";
  }

  private StreamEnvironment build() {
    return job.equals(ORDER_ALERTS) ? buildOrderAlerts() : buildHourlyOrderTotals();
  }

  private StreamEnvironment buildHourlyOrderTotals() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    // Timestamps strictly increase, so the watermark can follow the newest one closely.
    WatermarkStrategy<CustomerOrder> strategy =
        WatermarkStrategy.<CustomerOrder>forBoundedOutOfOrderness(Duration.ZERO)
            .withTimestampAssigner((order, previous) -> order.timestamp());
    DataStream<CustomerOrder> orders = env.fromSource(
            GeneratorSource.of(FastOrderGenerator::order).unbounded().ratePerSecond(rate).build(),
            strategy, "orders")
        .setParallelism(1);
    HourlyOrderTotalsJob.totals(orders, Duration.ofHours(1), Duration.ZERO)
        .map(new ToJsonLine<CustomerWindowTotal>())
        .name("to-json")
        .sinkTo(new PrintSink<>(results, ""))
        .name("print")
        .setParallelism(1);
    return env;
  }

  private StreamEnvironment buildOrderAlerts() {
    StreamEnvironment env = StreamEnvironment.create().setParallelism(2);
    // One generator subtask emits the orders in sequence, so each user's totals build up in order.
    DataStream<Order> orders = env.fromSource(
            GeneratorSource.of(OrderGenerator::order).unbounded().ratePerSecond(rate).build(),
            "orders")
        .setParallelism(1);
    OrderAlerts.alerts(orders, threshold)
        .map(new ToJsonLine<OrderAlert>())
        .name("to-json")
        .sinkTo(new PrintSink<>(results, ""))
        .name("print")
        .setParallelism(1);
    return env;
  }

  /** The values of {@code --job}, for the help text. */
  static final class Jobs implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return JOBS.iterator();
    }
  }

  private static String format(double value) {
    return Double.isFinite(value) && value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.valueOf(value);
  }
}
