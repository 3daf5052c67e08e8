package dev.runnel.cli;

import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.examples.JobArgumentException;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code runnel run JOB --input FILE --output FILE [--parallelism N] [job options]}: runs one
 * packaged job to completion and prints a one-line summary to standard error. The common options
 * are declared here; the job's own options are added to the command when it is built, from {@link
 * PackagedJob#options()}, so that {@code --help} lists them with their defaults.
 */
@Command(sortOptions = false)
final class JobCommand implements Callable<Integer> {
  private final PackagedJob job;

  @Spec private CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE",
      description = "the file to read")
  private Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "the file to write (replaced if it exists)")
  private Path output;

  @Option(names = "--parallelism", paramLabel = "N", showDefaultValue = Visibility.NEVER,
      description = "how many parallel subtasks run each step (default: one per core, here "
          + "${DEFAULT-VALUE})")
  private int parallelism = Runtime.getRuntime().availableProcessors();

  private JobCommand(PackagedJob job) {
    this.job = job;
  }

  /** The subcommand of {@code runnel run} that runs {@code job}. */
  static CommandLine commandLine(PackagedJob job) {
    CommandSpec spec = CommandSpec.forAnnotatedObject(new JobCommand(job));
    spec.name(job.name());
    spec.usageMessage().description(job.description());
    for (JobOption option : job.options()) {
      OptionSpec.Builder builder = OptionSpec.builder(option.name())
          .type(String.class)
          .arity("1")
          .paramLabel("<" + option.name().substring(2) + ">")
          .description(option.description());
      if (option.hasDefault()) {
        builder.defaultValue(option.defaultValue()).showDefaultValue(Visibility.ALWAYS);
      } else {
        builder.showDefaultValue(Visibility.NEVER);
      }
      spec.addOption(builder.build());
    }
    // Added last so that help lists the job's own options next to the common ones.
    spec.addOption(OptionSpec.builder("-h", "--help")
        .usageHelp(true)
        .description("Show this help message and exit.")
        .build());
    return new CommandLine(spec);
  }

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    JobArguments args = arguments(commandLine);
    StreamEnvironment env = StreamEnvironment.create().setParallelism(args.parallelism());
    try {
      job.build(env, args);
    } catch (JobArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage(), e);
    }
    PrintWriter err = commandLine.getErr();
    JobResult result;
    try (CancelOnShutdown running = CancelOnShutdown.start(env, job.name())) {
      result = running.job().await();
    } catch (JobExecutionException e) {
      err.println("runnel: " + ErrorReporter.describeFailure(e));
      err.flush();
      return 1;
    }
    err.println("runnel: " + JobSummary.describe(result));
    err.flush();
    return result.status() == JobStatus.FINISHED ? 0 : 130;
  }

  /** Checks the files and collects the job's options as given on the command line. */
  private JobArguments arguments(CommandLine commandLine) {
    if (!Files.exists(input)) {
      throw new ParameterException(commandLine, "input file not found: " + input);
    }
    if (Files.isDirectory(output)) {
      throw new ParameterException(commandLine, "output is a directory, not a file: " + output);
    }
    Path outputDirectory = output.toAbsolutePath().getParent();
    if (outputDirectory != null && !Files.isDirectory(outputDirectory)) {
      throw new ParameterException(
          commandLine, "output directory not found: " + outputDirectory);
    }
    if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
      throw new ParameterException(commandLine, "output file is the input file: " + output);
    }
    ParseResult parsed = commandLine.getParseResult();
    Map<String, String> options = new LinkedHashMap<>();
    for (JobOption option : job.options()) {
      if (parsed.hasMatchedOption(option.name())) {
        options.put(option.name(), parsed.matchedOptionValue(option.name(), (String) null));
      }
    }
    try {
      return JobArguments.of(job, input, output, parallelism, options);
    } catch (JobArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage(), e);
    }
  }
}
