package dev.runnel.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel kafka consume TOPIC [--from-beginning] [--max N] [--timeout D]}: prints the value
 * of each record of the topic as a line on standard output, as it arrives, reading as a {@code
 * read_committed} consumer ({@link TopicTail}): output of a transactional writer (an exactly-once
 * job) shows once its transaction commits. Without {@code --from-beginning} it starts at the
 * topic's current end. It stops after {@code --max} records, after {@code --timeout} without a
 * new record, or on Ctrl-C, and then prints {@code runnel: kafka: consumed N records from TOPIC}
 * on standard error.
 */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Prints the records of a topic, one value a line, as a read_committed "
        + "consumer.")
final class KafkaConsumeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "TOPIC", description = "the topic to read")
  private String topic;

  @Option(names = "--from-beginning",
      description = "start at the first record of each partition (default: at the end, so only "
          + "new records are printed)")
  private boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N",
      description = "stop after N records (default: no limit)")
  private Long max;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "stop when no record has arrived for this long (default: wait until "
          + "Ctrl-C)")
  private String timeout;

  @Mixin private KafkaClientOptions kafka;

  @Override
  public Integer call() throws InterruptedException {
    if (max != null && max < 1) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + max + "' for option --max: must be at least 1");
    }
    Duration idle = null;
    if (timeout != null) {
      try {
        idle = dev.runnel.examples.JobArguments.duration("--timeout", timeout);
      } catch (dev.runnel.examples.JobArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }
    int partitions;
    try (Admin admin = kafka.connect()) {
      partitions = kafka.describe(admin, topic).partitions().size();
    }
    PrintWriter out = spec.commandLine().getOut();
    long consumed;
    CountDownLatch done = new CountDownLatch(1);
    try (TopicTail tail = kafka.create(
        () -> new TopicTail(kafka.commonSettings(), topic, partitions, fromBeginning))) {
      // Ctrl-C: stop reading, and let this thread print the summary before the JVM ends.
      Thread hook = new Thread(() -> {
        tail.wakeup();
        try {
          done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "runnel-kafka-consume-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        consumed = tail.print(out, max == null ? Long.MAX_VALUE : max, idle, () -> false);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // Shutting down: the hook is waiting for the summary below.
        }
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("runnel: kafka: consumed " + consumed + (consumed == 1 ? " record" : " records")
        + " from " + topic);
    err.flush();
    done.countDown();
    return 0;
  }
}
