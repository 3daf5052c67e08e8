package dev.runnel.cli;

import dev.runnel.api.DataStream;
import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobHandle;
import dev.runnel.api.JobResult;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.connector.GeneratorSource;
import dev.runnel.api.connector.PrintSink;
import dev.runnel.examples.ToJsonLine;
import dev.runnel.examples.orders.OrderAlert;
import dev.runnel.examples.orders.OrderAlerts;
import dev.runnel.examples.orders.Order;
import dev.runnel.examples.orders.OrderGenerator;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel demo}: the order-alerts pipeline on an endless stream of generated orders, each
 * result printed to standard output as a JSON line as soon as it is computed, until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Runs order-alerts on generated orders, printing each result as a JSON line, until Ctrl-C.",
        "Orders come from " + OrderGenerator.USERS + " users, with amounts from 1.00 to 300.00."
    })
final class DemoCommand implements Callable<Integer> {
  static final String JOB_NAME = "order-alerts-demo";

  private final PrintStream results;

  @Spec private CommandSpec spec;

  @Option(names = "--rate", paramLabel = "N", showDefaultValue = Visibility.ALWAYS,
      description = "orders generated per second")
  private double rate = 20;

  @Option(names = "--threshold", paramLabel = "AMOUNT", showDefaultValue = Visibility.ALWAYS,
      description = "alert when a user's running total is strictly greater than this amount")
  private double threshold = OrderAlerts.DEFAULT_THRESHOLD;

  DemoCommand(PrintStream results) {
    this.results = results;
  }

  @Override
  public Integer call() {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + format(rate) + "' for option --rate: must be a number above 0");
    }
    if (!Double.isFinite(threshold)) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + format(threshold) + "' for option --threshold: not a finite number");
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(String.format(Locale.ROOT,
        "runnel: demo: order alerts over %d users, %s orders/s, threshold %s; Ctrl-C to stop",
        OrderGenerator.USERS, format(rate), format(threshold)));
    err.flush();
    JobResult result;
    try (CancelOnShutdown running = CancelOnShutdown.start(build(), JOB_NAME)) {
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

  /** Starts the demo job without waiting for it; for tests. */
  JobHandle start() {
    return build().executeAsync(JOB_NAME);
  }

  private StreamEnvironment build() {
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

  private static String format(double value) {
    return Double.isFinite(value) && value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.valueOf(value);
  }
}
