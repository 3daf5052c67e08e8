package dev.runnel.cli;

import dev.runnel.examples.PackagedJobs;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code runnel} command: {@code list}, {@code run JOB}, {@code savepoint JOB}, {@code demo}
 * and {@code kafka start|topics|produce|consume}.
 *
 * <p>Results go to standard output, everything else (summaries, errors, warnings) to standard
 * error. Exit codes: 0 success, 1 the job failed while running, 2 the command line was wrong (an
 * unknown job or option, a bad value, a missing input file); each error is one line on standard
 * error, starting with {@code runnel: }.
 */
@Command(
    name = "runnel",
    mixinStandardHelpOptions = true,
    versionProvider = RunnelVersion.class,
    description = "Runs Runnel's packaged stream processing jobs on files or Kafka topics, a live "
        + "demo, or a Kafka broker.",
    footer = {"", "Exit codes: 0 done, 1 the job failed, 2 bad command line."})
public final class RunnelCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the command line {@code args}, writing to {@code out} and {@code err}; the exit code. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = writer(out);
    PrintWriter errWriter = writer(err);
    try {
      return commandLine(PackagedJobs.load(), out, outWriter, errWriter).execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** The command tree for {@code jobs}; results of {@code demo} are printed to {@code results}. */
  static CommandLine commandLine(
      PackagedJobs jobs, PrintStream results, PrintWriter out, PrintWriter err) {
    CommandLine runnel = new CommandLine(new RunnelCommand());
    runnel.addSubcommand("list", new ListCommand(jobs));
    CommandLine run = new CommandLine(new RunCommand());
    jobs.all().forEach(job -> run.addSubcommand(job.name(), JobCommand.commandLine(job)));
    runnel.addSubcommand("run", run);
    runnel.addSubcommand("savepoint", new SavepointCommand(jobs));
    runnel.addSubcommand("demo", new DemoCommand(results));
    CommandLine kafka = new CommandLine(new KafkaCommand());
    kafka.addSubcommand("start", new KafkaStartCommand());
    kafka.addSubcommand("topics", new KafkaTopicsCommand());
    kafka.addSubcommand("produce", new KafkaProduceCommand());
    kafka.addSubcommand("consume", new KafkaConsumeCommand());
    runnel.addSubcommand("kafka", kafka);
    ErrorReporter errors = new ErrorReporter();
    runnel.setOut(out);
    runnel.setErr(err);
    runnel.setParameterExceptionHandler(errors);
    runnel.setExecutionExceptionHandler(errors);
    return runnel;
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "missing command: list, run, savepoint, demo or kafka (see 'runnel --help')");
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
