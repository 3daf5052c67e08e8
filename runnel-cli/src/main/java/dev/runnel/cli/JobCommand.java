package dev.runnel.cli;

import dev.runnel.api.JobExecutionException;
import dev.runnel.api.JobResult;
import dev.runnel.api.JobStatus;
import dev.runnel.api.StreamEnvironment;
import dev.runnel.api.checkpoint.CheckpointConfig;
import dev.runnel.api.checkpoint.RestartStrategy;
import dev.runnel.api.checkpoint.RestoreFrom;
import dev.runnel.connector.file.ExistingOutput;
import dev.runnel.connector.file.FileSink;
import dev.runnel.connector.file.FileSource;
import dev.runnel.examples.JobArgumentException;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.JobOption;
import dev.runnel.examples.PackagedJob;
import dev.runnel.examples.io.Endpoint;
import dev.runnel.examples.io.KafkaSettings;
import dev.runnel.examples.io.StartingOffsets;
import dev.runnel.runtime.state.KeyedStateBackendFactory;
import dev.runnel.runtime.state.StateBackends;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code runnel run JOB --input FILE --output FILE [--overwrite] [--parallelism N] [--rate N]
 * [checkpoint options] [--field NAME=SOURCE …] [job options]}: runs one packaged job to
 * completion and prints a one-line summary to standard error, so that {@code --output -}
 * (standard output) carries only results. An output that already holds the results of an earlier
 * run is a usage error unless {@code --overwrite} (replace it) or {@code --restore} (continue it)
 * is given. The common options are declared here; the job's own options are added to the command
 * when it is built, from {@link PackagedJob#options()}, so that {@code --help} lists them with
 * their defaults, followed by the job's input and output fields ({@link JobFieldsHelp}).
 *
 * <p><b>Checkpoints.</b> {@code --checkpoint-interval} or {@code --checkpoint-dir} (or {@code
 * --restore}) turn checkpointing on; the interval defaults to {@value #DEFAULT_INTERVAL_TEXT} and
 * the directory to {@code ./checkpoints}. The output files are then directories of part files
 * (see {@code FileSink}), and the running job answers {@code runnel savepoint} requests (see
 * {@link SavepointRequests}).
 */
@Command(sortOptions = false)
final class JobCommand implements Callable<Integer> {
  /** The checkpoint interval when only {@code --checkpoint-dir} or {@code --restore} is given. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  static final String DEFAULT_INTERVAL_TEXT = "10s";

  private final PackagedJob job;

  @Spec private CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE|kafka:TOPIC",
      description = "the file of JSON lines to read, or a directory whose files are read in "
          + "name order; '-' reads standard input (not with checkpointing); kafka:TOPIC reads "
          + "the topic's JSON values (see --bootstrap-servers and the other Kafka options)")
  private String input;

  @Option(names = "--output", required = true, paramLabel = "FILE|kafka:TOPIC",
      description = "the file to write; '-' writes standard output, a line as each result comes "
          + "(not with checkpointing); with checkpointing, a directory (created if missing) of "
          + "part files part-<subtask>-<n>.jsonl, each visible once the checkpoint covering it is "
          + "complete; the same holds for the job's other output options. Earlier output there "
          + "is an error unless --overwrite or --restore is given. kafka:TOPIC writes each "
          + "result as a JSON value keyed by the job's key, exactly-once with checkpointing "
          + "(transactions), at-least-once without; a missing topic is created with the input "
          + "topic's partition count (1 for a file input)")
  private String output;

  @Option(names = "--overwrite",
      description = "replace the output of an earlier run: delete the output file, or with "
          + "checkpointing the part files in the output directory (nothing else in it), of "
          + "--output and the job's other outputs; not with --restore, which continues it")
  private boolean overwrite;

  @Option(names = "--parallelism", paramLabel = "N", showDefaultValue = Visibility.NEVER,
      description = "how many parallel subtasks run each step (default: one per core, here "
          + "${DEFAULT-VALUE})")
  private int parallelism = Runtime.getRuntime().availableProcessors();

  @Option(names = "--rate", paramLabel = "N",
      description = "read at most N input records per second, over the whole source (default: "
          + "as fast as possible)")
  private Long rate;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
      description = "take a checkpoint this often (500ms, 10s, 1m, …); turns checkpointing on "
          + "(default when only --checkpoint-dir or --restore is given: "
          + DEFAULT_INTERVAL_TEXT + "; otherwise checkpointing is off)")
  private String checkpointInterval;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "where checkpoints go, in a folder per job: DIR/<job>/chk-<n>/; turns "
          + "checkpointing on (default when checkpointing: ./checkpoints)")
  private Path checkpointDir;

  @Option(names = "--restore", paramLabel = "PATH|latest",
      description = "start from a checkpoint or savepoint folder (…/chk-<n>, …/savepoint-<n>), "
          + "or from the newest complete checkpoint of this job in the checkpoint directory "
          + "('latest'; a fresh start if there is none); turns checkpointing on")
  private String restore;

  @Option(names = "--allow-non-restored-state",
      description = "when restoring, ignore state of operators the job no longer has, instead "
          + "of failing")
  private boolean allowNonRestoredState;

  @Option(names = "--state-backend", paramLabel = "NAME", defaultValue = "heap",
      showDefaultValue = Visibility.ALWAYS,
      description = "where keyed state lives: heap or rocksdb")
  private String stateBackend;

  @Option(names = "--savepoint-on-cancel",
      description = "on Ctrl-C or SIGTERM, take a savepoint and print its path before "
          + "cancelling the job; needs checkpointing")
  private boolean savepointOnCancel;

  @Option(names = "--restart-attempts", paramLabel = "N", defaultValue = "0",
      showDefaultValue = Visibility.ALWAYS,
      description = "when a task fails, restart the job in this process up to N times, from the "
          + "last completed checkpoint (from the start without one)")
  private int restartAttempts;

  @Option(names = "--restart-delay", paramLabel = "DURATION", defaultValue = "1s",
      showDefaultValue = Visibility.ALWAYS,
      description = "how long to wait before each restart")
  private String restartDelay;

  @Option(names = "--field", paramLabel = "NAME=SOURCE",
      description = "read the job's input field NAME from the input's field SOURCE; repeatable "
          + "(the job's fields are listed below)")
  private List<String> fieldMappings = new ArrayList<>();

  @Mixin private KafkaClientOptions kafka;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
      description = "a Kafka client property for every consumer, producer and admin client of "
          + "the run (security.protocol=SSL, sasl.mechanism=…, compression.type=zstd, …); "
          + "repeatable")
  private List<String> kafkaProperties = new ArrayList<>();

  @Option(names = "--group-id", paramLabel = "ID",
      description = "the consumer group of a kafka: input, and the start of the transactional "
          + "ids of kafka: outputs (default: the job's name)")
  private String groupId;

  @Option(names = "--starting-offsets", paramLabel = "earliest|latest|committed",
      defaultValue = "earliest", showDefaultValue = Visibility.ALWAYS,
      description = "where a kafka: input starts when no checkpoint is restored: the first "
          + "record (so a rerun with a fresh checkpoint directory reads the topic again), the "
          + "end, or the group's committed offsets (else the first record); a position restored "
          + "from a checkpoint always wins")
  private String startingOffsets;

  @Option(names = "--bounded",
      description = "a kafka: input stops at the end offsets found when the job starts, and "
          + "the job then finishes (default: it runs until Ctrl-C)")
  private boolean bounded;

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
    CommandLine commandLine = new CommandLine(spec);
    JobFieldsHelp.addTo(commandLine, job);
    return commandLine;
  }

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    CheckpointConfig checkpoints = checkpointConfig(commandLine);
    JobArguments args = arguments(commandLine, checkpoints != null);
    List<ExistingOutput> earlierOutput = earlierOutput(commandLine, args, checkpoints != null);
    StreamEnvironment env = StreamEnvironment.create().setParallelism(args.parallelism());
    configure(env, checkpoints, commandLine);
    try {
      job.build(env, args);
    } catch (JobArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage(), e);
    }
    // Only once the command line is known to be right: --overwrite of a typo deletes nothing.
    earlierOutput.forEach(ExistingOutput::delete);
    PrintWriter err = commandLine.getErr();
    JobResult result;
    try (CancelOnShutdown running =
            CancelOnShutdown.start(env, job.name(), savepointOnCancel, err);
        SavepointRequests.Watcher watcher = checkpoints == null ? null
            : SavepointRequests.watch(SavepointRequests.folder(
                checkpoints.checkpointDirectory(), job.name()), running.job())) {
      result = running.job().await();
    } catch (JobExecutionException e) {
      err.println("runnel: " + ErrorReporter.describeFailure(e) + "; " + outputAfterFailure(
          checkpoints != null, args));
      err.flush();
      return 1;
    }
    err.println("runnel: " + JobSummary.describe(result));
    err.flush();
    return result.status() == JobStatus.FINISHED ? 0 : 130;
  }

  /**
   * What a failed run leaves in its output, for the end of the failure line. Without
   * checkpointing each line the sink received is written (its buffer is flushed when the job
   * stops), but results still queued between parallel steps are not: the job stops at once.
   * With checkpointing, only what completed checkpoints cover is visible.
   */
  private String outputAfterFailure(boolean checkpointing, JobArguments args) {
    boolean topic = args.outputEndpoint() instanceof Endpoint.KafkaTopic;
    if (checkpointing) {
      return topic
          ? "read_committed consumers of " + args.outputEndpoint() + " see what the last "
              + "completed checkpoint covers; a run with --restore latest writes the rest"
          : "the output holds what the last completed checkpoint covers; later results stay "
              + "hidden, and a run with --restore latest writes them again";
    }
    if (topic) {
      return "the results sent to " + args.outputEndpoint() + " before the failure stand";
    }
    Path output = args.output();
    String lost = args.parallelism() > 1
        ? " (results still passing between parallel steps when the job stopped are not; "
            + "--parallelism 1 keeps them all)"
        : "";
    if (output.equals(FileSink.STANDARD_OUTPUT)) {
      return "the results printed before the failure stand" + lost;
    }
    long lines = lineCount(output);
    return output + " keeps the " + lines + (lines == 1 ? " result" : " results")
        + " written before the failure" + lost;
  }

  /** Lines in {@code file}, counted as newline bytes; 0 if it cannot be read. */
  private static long lineCount(Path file) {
    long lines = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return lines;
  }

  /**
   * The checkpoint configuration the options ask for, or null if checkpointing stays off; checks
   * the options that need it.
   */
  private CheckpointConfig checkpointConfig(CommandLine commandLine) {
    Duration interval = null;
    if (checkpointInterval != null) {
      interval = duration(commandLine, "--checkpoint-interval", checkpointInterval);
      if (interval.toMillis() < 1) {
        throw new ParameterException(commandLine, "invalid value '" + checkpointInterval
            + "' for option --checkpoint-interval: must be at least 1ms");
      }
    } else if (checkpointDir != null || restore != null) {
      interval = DEFAULT_INTERVAL;
    }
    if (interval == null) {
      if (savepointOnCancel) {
        throw new ParameterException(commandLine, "--savepoint-on-cancel needs checkpointing: "
            + "add --checkpoint-interval or --checkpoint-dir");
      }
      return null;
    }
    CheckpointConfig config = new CheckpointConfig(interval);
    if (checkpointDir != null) {
      if (checkpointDir.toString().isBlank()) {
        throw new ParameterException(
            commandLine, "invalid value '' for option --checkpoint-dir: expected a directory");
      }
      if (Files.exists(checkpointDir) && !Files.isDirectory(checkpointDir)) {
        throw new ParameterException(
            commandLine, "checkpoint directory is a file, not a directory: " + checkpointDir);
      }
      config.setCheckpointDirectory(checkpointDir);
    }
    RestoreFrom from = restoreFrom(commandLine);
    if (from != null && !from.isLatest() && !Files.isDirectory(from.folder().orElseThrow())) {
      throw new ParameterException(commandLine, "restore path not found: " + from
          + " (expected a chk-<n> or savepoint-<n> folder, or 'latest')");
    }
    return config;
  }

  /** The {@code --restore} option, typed; null when it is not given. */
  private RestoreFrom restoreFrom(CommandLine commandLine) {
    if (restore == null) {
      return null;
    }
    try {
      return RestoreFrom.parse(restore);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, "invalid value '" + restore
          + "' for option --restore: " + e.getMessage());
    }
  }

  /** Applies the checkpoint, state backend, restart and restore options to {@code env}. */
  private void configure(
      StreamEnvironment env, CheckpointConfig checkpoints, CommandLine commandLine) {
    env.setStateBackend(stateBackendFactory(commandLine).defaultConfiguration());
    if (restartAttempts < 0) {
      throw new ParameterException(commandLine, "invalid value '" + restartAttempts
          + "' for option --restart-attempts: must not be negative");
    }
    Duration delay = duration(commandLine, "--restart-delay", restartDelay);
    if (restartAttempts > 0) {
      env.setRestartStrategy(RestartStrategy.fixedDelay(restartAttempts, delay));
    }
    if (checkpoints != null) {
      env.enableCheckpointing(checkpoints.interval())
          .setCheckpointDirectory(checkpoints.checkpointDirectory());
      RestoreFrom from = restoreFrom(commandLine);
      if (from != null) {
        env.restoreFrom(from);
      }
      env.setAllowNonRestoredState(allowNonRestoredState);
    }
  }

  private KeyedStateBackendFactory stateBackendFactory(CommandLine commandLine) {
    List<KeyedStateBackendFactory> all = StateBackends.all();
    for (KeyedStateBackendFactory factory : all) {
      if (factory.name().equals(stateBackend)) {
        return factory;
      }
    }
    throw new ParameterException(commandLine, "invalid value '" + stateBackend
        + "' for option --state-backend: available: "
        + String.join(", ", all.stream().map(KeyedStateBackendFactory::name).toList()));
  }

  private static Duration duration(CommandLine commandLine, String option, String text) {
    try {
      return JobArguments.duration(option, text);
    } catch (JobArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage(), e);
    }
  }

  /**
   * Checks the input and output (files or topics) and collects the job's options as given on the
   * command line. With checkpointing an output file is a directory of part files, else a file.
   */
  private JobArguments arguments(CommandLine commandLine, boolean checkpointing) {
    Endpoint inputEndpoint = endpoint(commandLine, "--input", input);
    Endpoint outputEndpoint = endpoint(commandLine, "--output", output);
    if (overwrite && restore != null) {
      throw new ParameterException(commandLine, "--overwrite and --restore exclude each other: "
          + "a restored run continues the output that is there");
    }
    if (inputEndpoint instanceof Endpoint.File file) {
      checkInputFile(commandLine, file.path(), checkpointing);
    }
    if (outputEndpoint instanceof Endpoint.File file) {
      checkOutputFile(commandLine, file.path(), inputEndpoint, checkpointing);
    }
    return jobArguments(commandLine, inputEndpoint, outputEndpoint);
  }

  private static Endpoint endpoint(CommandLine commandLine, String option, String value) {
    try {
      return Endpoint.parse(option, value);
    } catch (JobArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage(), e);
    }
  }

  private static void checkInputFile(
      CommandLine commandLine, Path input, boolean checkpointing) {
    boolean standardInput = input.equals(FileSource.STANDARD_INPUT);
    if (!standardInput && !Files.exists(input)) {
      throw new ParameterException(commandLine, "input file not found: " + input);
    }
    if (checkpointing && (standardInput
        || !Files.isRegularFile(input) && !Files.isDirectory(input))) {
      throw new ParameterException(commandLine, "--input " + input + " can be read only once, "
          + "so it cannot be used with checkpointing (--checkpoint-interval, --checkpoint-dir, "
          + "--restore): save the input to a file first, or run without checkpointing");
    }
  }

  private static void checkOutputFile(CommandLine commandLine, Path output, Endpoint input,
      boolean checkpointing) {
    if (output.equals(FileSink.STANDARD_OUTPUT)) {
      if (checkpointing) {
        throw new ParameterException(commandLine, "--output - (standard output) cannot be used "
            + "with checkpointing, which writes part files into a directory: give a directory");
      }
      return;
    }
    if (checkpointing) {
      if (Files.exists(output) && !Files.isDirectory(output)) {
        throw new ParameterException(commandLine, "output is a file, not a directory (with "
            + "checkpointing the output is a directory of part files): " + output);
      }
    } else if (Files.isDirectory(output)) {
      throw new ParameterException(commandLine, "output is a directory, not a file: " + output);
    }
    Path outputDirectory = output.toAbsolutePath().getParent();
    if (outputDirectory != null && !Files.isDirectory(outputDirectory)) {
      throw new ParameterException(
          commandLine, "output directory not found: " + outputDirectory);
    }
    if (input instanceof Endpoint.File file && file.path().toAbsolutePath().normalize()
        .equals(output.toAbsolutePath().normalize())) {
      throw new ParameterException(commandLine, "output file is the input file: " + output);
    }
  }

  /** The job's options as given, with the common ones and the Kafka settings. */
  private JobArguments jobArguments(
      CommandLine commandLine, Endpoint inputEndpoint, Endpoint outputEndpoint) {
    ParseResult parsed = commandLine.getParseResult();
    Map<String, String> options = new LinkedHashMap<>();
    for (JobOption option : job.options()) {
      if (parsed.hasMatchedOption(option.name())) {
        options.put(option.name(), parsed.matchedOptionValue(option.name(), (String) null));
      }
    }
    try {
      JobArguments args = JobArguments.of(job, inputEndpoint, outputEndpoint, parallelism,
              options)
          .withFieldMapping(fieldMappings);
      args = args.withKafka(kafkaSettings(commandLine, args));
      return rate == null ? args : args.withRate(rate);
    } catch (JobArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage(), e);
    }
  }

  /**
   * The Kafka options as settings. Options that only a topic uses are a usage error when no
   * endpoint is one (and those of the input when the input is not), so a mistyped endpoint is
   * not silently read from or written to a file.
   */
  private KafkaSettings kafkaSettings(CommandLine commandLine, JobArguments args) {
    ParseResult parsed = commandLine.getParseResult();
    boolean kafkaInput = args.inputEndpoint() instanceof Endpoint.KafkaTopic;
    boolean anyTopic = kafkaInput || outputEndpoints(args).values().stream()
        .anyMatch(endpoint -> endpoint instanceof Endpoint.KafkaTopic);
    if (!anyTopic) {
      for (String option : List.of("--bootstrap-servers", "--kafka-property", "--group-id",
          "--starting-offsets", "--bounded", "--connect-timeout")) {
        if (parsed.hasMatchedOption(option)) {
          throw new ParameterException(commandLine, option + " applies to Kafka topics, and "
              + "neither the input nor an output is one (kafka:TOPIC)");
        }
      }
    } else if (!kafkaInput) {
      for (String option : List.of("--starting-offsets", "--bounded")) {
        if (parsed.hasMatchedOption(option)) {
          throw new ParameterException(commandLine,
              option + " applies to a Kafka input (--input kafka:TOPIC)");
        }
      }
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (String property : kafkaProperties) {
      int equals = property.indexOf('=');
      if (equals <= 0 || property.substring(0, equals).isBlank()) {
        throw new ParameterException(commandLine, "invalid value '" + property
            + "' for option --kafka-property: expected KEY=VALUE");
      }
      properties.put(property.substring(0, equals).trim(), property.substring(equals + 1));
    }
    if (groupId != null && groupId.isBlank()) {
      throw new ParameterException(
          commandLine, "invalid value '' for option --group-id: expected a group id");
    }
    return new KafkaSettings(kafka.bootstrapServers(), properties, Optional.ofNullable(groupId),
        StartingOffsets.parse(startingOffsets), bounded, kafka.connectTimeout());
  }

  /** {@code --output} and the job's other outputs that were given, by option. */
  private Map<String, Endpoint> outputEndpoints(JobArguments args) {
    Map<String, Endpoint> outputs = new LinkedHashMap<>();
    outputs.put("--output", args.outputEndpoint());
    for (JobOption option : job.options()) {
      if (option.name().endsWith(PackagedJob.OUTPUT_OPTION_SUFFIX)) {
        args.findEndpoint(option.name()).ifPresent(endpoint -> outputs.put(option.name(),
            endpoint));
      }
    }
    return outputs;
  }

  /**
   * The earlier output in {@code --output} and the job's other outputs (its options named
   * {@code --…-output}), which {@code --overwrite} deletes. Without {@code --overwrite} or {@code
   * --restore}, any is a usage error saying what is there and how to go on, so that running the
   * same command twice does not add a second copy of the results.
   */
  private List<ExistingOutput> earlierOutput(
      CommandLine commandLine, JobArguments args, boolean checkpointing) {
    // Topics are appended to: what an earlier run wrote there stays, and is not checked.
    Map<String, Path> outputs = new LinkedHashMap<>();
    try {
      outputEndpoints(args).forEach((option, endpoint) -> {
        if (endpoint instanceof Endpoint.File file) {
          outputs.put(option, file.path());
        }
      });
    } catch (JobArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage(), e);
    }
    long toStandardOutput =
        outputs.values().stream().filter(FileSink.STANDARD_OUTPUT::equals).count();
    if (toStandardOutput > 0 && checkpointing) {
      throw new ParameterException(commandLine, "standard output ('-') cannot be an output with "
          + "checkpointing, which writes part files into a directory: give a directory");
    }
    if (toStandardOutput > 1) {
      throw new ParameterException(commandLine,
          "only one output can be standard output ('-'), not " + String.join(" and ",
              outputs.entrySet().stream()
                  .filter(e -> e.getValue().equals(FileSink.STANDARD_OUTPUT))
                  .map(Map.Entry::getKey).toList()));
    }
    if (restore != null) {
      return List.of(); // resuming: the output there is the run's own, and its checkpoint's
    }
    List<ExistingOutput> found = new ArrayList<>();
    for (Map.Entry<String, Path> e : outputs.entrySet()) {
      ExistingOutput existing = ExistingOutput.at(e.getValue(), checkpointing);
      if (existing.isEmpty()) {
        continue;
      }
      if (!overwrite) {
        throw new ParameterException(commandLine, existing.describe() + " (" + e.getKey()
            + "): " + (checkpointing
                ? "add --restore latest to continue that run, or --overwrite to replace it"
                : "add --overwrite to replace it, or choose another file"));
      }
      found.add(existing);
    }
    return found;
  }
}
