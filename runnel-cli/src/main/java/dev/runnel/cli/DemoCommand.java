package dev.runnel.cli;

import dev.runnel.api.JobExecutionException;
import dev.runnel.examples.EventTimeJobIo;
import dev.runnel.examples.PackagedJobs;
import dev.runnel.examples.customers.CustomerOrder;
import dev.runnel.examples.customers.FastOrderGenerator;
import dev.runnel.examples.orders.Order;
import dev.runnel.examples.orders.OrderAlerts;
import dev.runnel.examples.orders.OrderAlertsJob;
import dev.runnel.examples.orders.OrderGenerator;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel demo}: the real pipeline on Kafka, until Ctrl-C. It starts a Kafka broker in
 * this process (on a free port, in a temporary directory; {@code --bootstrap-servers} uses an
 * existing Kafka instead), a producer writing generated orders to topic {@code orders}, the
 * packaged job {@code --job} reading {@code orders} and writing its results exactly-once (Kafka
 * transactions committed with checkpoints every second) to its topic, and prints each result a
 * {@code read_committed} consumer of that topic receives, as a JSON line, as it arrives. See
 * {@link KafkaDemo}. {@code order-alerts} (the default) writes each order with its customer's
 * running total to {@code alerts}; {@code hourly-order-totals} writes event-time hourly totals
 * to {@code hourly-totals}, over orders whose event time advances one minute per order, so that at
 * the default rate a window closes every 3 seconds.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Runs a job over Kafka on generated orders, printing each result as a JSON line as a "
            + "read_committed consumer receives it, until Ctrl-C.",
        "Starts a Kafka broker in this process (unless --bootstrap-servers is given), a producer "
            + "of generated orders to topic 'orders', and the job reading 'orders' and writing "
            + "its topic exactly-once, with a checkpoint every second.",
        "Orders come from " + OrderGenerator.USERS + " users, with amounts from 1.00 to 300.00.",
        "order-alerts: each order with its customer's running total, flagged above --threshold, "
            + "to topic 'alerts'.",
        "hourly-order-totals: per customer, the count and total of each event-time hour, written "
            + "when the hour closes, to topic 'hourly-totals'; one order is one minute of event "
            + "time, so at 20 orders/s an hour closes every 3 s."
    })
final class DemoCommand implements Callable<Integer> {
  static final String ORDER_ALERTS = "order-alerts";
  static final String HOURLY_ORDER_TOTALS = "hourly-order-totals";
  static final List<String> JOBS = List.of(ORDER_ALERTS, HOURLY_ORDER_TOTALS);
  static final String ALERTS_TOPIC = "alerts";
  static final String HOURLY_TOTALS_TOPIC = "hourly-totals";

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

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,HOST:PORT…]",
      description = "use this Kafka (topics 'orders' and the job's are created if missing) "
          + "instead of starting a broker in this process")
  private String bootstrapServers;

  DemoCommand(PrintStream results) {
    this.results = results;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    KafkaDemo demo = start();
    err.println(banner(demo));
    err.flush();
    CountDownLatch done = new CountDownLatch(1);
    // Ctrl-C: stop printing, and let this thread stop the pipeline and report before the JVM ends.
    Thread hook = new Thread(() -> {
      demo.stop();
      try {
        done.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "runnel-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      PrintWriter out = new PrintWriter(
          new OutputStreamWriter(results, StandardCharsets.UTF_8), true);
      long printed = demo.print(out);
      long orders = demo.ordersProduced();
      try {
        demo.shutDown();
      } catch (JobExecutionException e) {
        err.println("runnel: " + ErrorReporter.describeFailure(e));
        err.flush();
        return ErrorReporter.FAILED;
      }
      err.println("runnel: demo stopped after " + orders + " orders and " + printed
          + (printed == 1 ? " result" : " results"));
      err.flush();
      return 0;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down: the hook has waited for the lines above.
      }
    }
  }

  private String banner(KafkaDemo demo) {
    String kafka = demo.embedded()
        ? "Kafka " + demo.bootstrapServers() + " (in this process, temporary)"
        : "Kafka " + demo.bootstrapServers();
    String what = job.equals(ORDER_ALERTS)
        ? String.format(Locale.ROOT, "order-alerts (threshold %s)", format(threshold))
        : "hourly-order-totals (one order = one minute of event time)";
    return String.format(Locale.ROOT, "runnel: demo: %s: %s generated orders/s from %d users "
            + "-> topic %s -> %s, exactly-once, checkpoint every %ds -> topic %s -> printed "
            + "below as a read_committed consumer receives it; Ctrl-C to stop",
        kafka, format(rate), OrderGenerator.USERS, KafkaDemo.ORDERS_TOPIC, what,
        KafkaDemo.CHECKPOINT_INTERVAL.toSeconds(), outputTopic());
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
    if (bootstrapServers != null && bootstrapServers.isBlank()) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '' for option --bootstrap-servers: expected HOST:PORT");
    }
  }

  /** Checks the options and starts the pipeline, without printing; for tests, and call(). */
  KafkaDemo start() throws IOException {
    validate();
    return KafkaDemo.start(pipeline(), Optional.ofNullable(bootstrapServers));
  }

  private String outputTopic() {
    return job.equals(ORDER_ALERTS) ? ALERTS_TOPIC : HOURLY_TOTALS_TOPIC;
  }

  private KafkaDemo.Pipeline<?> pipeline() {
    PackagedJobs jobs = PackagedJobs.load();
    if (job.equals(ORDER_ALERTS)) {
      return new KafkaDemo.Pipeline<>(jobs.find(ORDER_ALERTS).orElseThrow(), ALERTS_TOPIC,
          Map.of(OrderAlertsJob.THRESHOLD, String.valueOf(threshold)),
          OrderGenerator::order, Order::customerId, rate);
    }
    // Generated event time runs ahead of the clock by design: no --max-future bound.
    return new KafkaDemo.Pipeline<>(jobs.find(HOURLY_ORDER_TOTALS).orElseThrow(),
        HOURLY_TOTALS_TOPIC, Map.of(EventTimeJobIo.MAX_FUTURE, "off"),
        FastOrderGenerator::order, CustomerOrder::customerId, rate);
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
