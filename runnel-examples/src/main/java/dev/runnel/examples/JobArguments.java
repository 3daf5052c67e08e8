package dev.runnel.examples;

import dev.runnel.examples.io.Endpoint;
import dev.runnel.examples.io.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@link PackagedJob} is run with: its input and output ({@link Endpoint}s: files or Kafka
 * topics, with the {@link KafkaSettings} for topics), the parallelism, the rate
 * limit of its input ({@link #rate()}, common to every job), the input fields mapped with {@code
 * --field} ({@link #fieldMapping()}), and the values of its own options. Option values are kept
 * as text and converted by the typed getters,
 * which throw {@link JobArgumentException} naming the option and the bad value, so a typo on the
 * command line is reported before the job starts. Immutable.
 */
public final class JobArguments {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final String jobName;
  private final Endpoint input;
  private final Endpoint output;
  private final int parallelism;
  private final long rate;
  private final List<JobField> inputFields;
  private final FieldMapping fieldMapping;
  private final KafkaSettings kafka;
  private final Map<String, JobOption> declared = new LinkedHashMap<>();
  private final Map<String, String> given;

  private JobArguments(PackagedJob job, Endpoint input, Endpoint output, int parallelism,
      long rate, Map<String, String> given) {
    this.jobName = job.name();
    this.input = Objects.requireNonNull(input, "input");
    this.output = Objects.requireNonNull(output, "output");
    this.parallelism = parallelism;
    this.rate = rate;
    this.inputFields = job.inputFields();
    this.fieldMapping = FieldMapping.NONE;
    this.kafka = KafkaSettings.DEFAULTS;
    for (JobOption option : job.options()) {
      declared.put(option.name(), option);
    }
    this.given = Map.copyOf(given);
  }

  private JobArguments(
      JobArguments other, long rate, FieldMapping fieldMapping, KafkaSettings kafka) {
    this.jobName = other.jobName;
    this.input = other.input;
    this.output = other.output;
    this.parallelism = other.parallelism;
    this.rate = rate;
    this.inputFields = other.inputFields;
    this.fieldMapping = fieldMapping;
    this.kafka = kafka;
    this.declared.putAll(other.declared);
    this.given = other.given;
  }

  /**
   * The arguments of one run of {@code job}.
   *
   * @param options values of the job's options, by option name ({@code "--threshold"}); options
   *     not in the map take their defaults
   * @throws JobArgumentException if the parallelism is below 1 or an option is not one of the
   *     job's
   */
  public static JobArguments of(
      PackagedJob job, Path input, Path output, int parallelism, Map<String, String> options) {
    return of(job, new Endpoint.File(input), new Endpoint.File(output), parallelism, options);
  }

  /**
   * The arguments of one run of {@code job} reading {@code input} and writing {@code output},
   * files or Kafka topics (with the default {@link KafkaSettings} until {@link #withKafka}).
   *
   * @param options values of the job's options, by option name ({@code "--threshold"}); options
   *     not in the map take their defaults
   * @throws JobArgumentException if the parallelism is below 1 or an option is not one of the
   *     job's
   */
  public static JobArguments of(PackagedJob job, Endpoint input, Endpoint output,
      int parallelism, Map<String, String> options) {
    if (parallelism < 1) {
      throw new JobArgumentException(
          "invalid value '" + parallelism + "' for option --parallelism: must be at least 1");
    }
    JobArguments args = new JobArguments(job, input, output, parallelism, 0, options);
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (!args.declared.containsKey(e.getKey())) {
        throw new JobArgumentException(
            "unknown option '" + e.getKey() + "' for job '" + job.name() + "'");
      }
      Objects.requireNonNull(e.getValue(), () -> "value of " + e.getKey());
    }
    return args;
  }

  /** Where the job reads: a file or a Kafka topic. */
  public Endpoint inputEndpoint() {
    return input;
  }

  /** Where the job writes its results: a file or a Kafka topic. */
  public Endpoint outputEndpoint() {
    return output;
  }

  /**
   * The input file.
   *
   * @throws IllegalStateException if the input is a Kafka topic; jobs that read topics use
   *     {@link #inputEndpoint()}
   */
  public Path input() {
    return path(input, "input");
  }

  /**
   * The output file.
   *
   * @throws IllegalStateException if the output is a Kafka topic; see {@link #outputEndpoint()}
   */
  public Path output() {
    return path(output, "output");
  }

  /** How to reach Kafka for the endpoints that are topics; {@link KafkaSettings#DEFAULTS} unless set. */
  public KafkaSettings kafka() {
    return kafka;
  }

  /** These arguments with {@code settings} for their Kafka endpoints. */
  public JobArguments withKafka(KafkaSettings settings) {
    return new JobArguments(this, rate, fieldMapping, Objects.requireNonNull(settings, "kafka"));
  }

  /** The job's name, as {@link PackagedJob#name()}. */
  public String jobName() {
    return jobName;
  }

  private static Path path(Endpoint endpoint, String what) {
    if (endpoint instanceof Endpoint.File file) {
      return file.path();
    }
    throw new IllegalStateException("the " + what + " is " + endpoint + ", not a file");
  }

  public int parallelism() {
    return parallelism;
  }

  /**
   * These arguments with the input limited to {@code recordsPerSecond} records per second over
   * the whole source ({@code --rate}).
   *
   * @throws JobArgumentException if {@code recordsPerSecond} is below 1
   */
  public JobArguments withRate(long recordsPerSecond) {
    if (recordsPerSecond < 1) {
      throw new JobArgumentException(
          "invalid value '" + recordsPerSecond + "' for option --rate: must be at least 1");
    }
    return new JobArguments(this, recordsPerSecond, fieldMapping, kafka);
  }

  /**
   * These arguments with the job's input fields mapped by {@code specs}, each {@code NAME=SOURCE}
   * ({@code --field}): the job's field {@code NAME} is read from the input's field {@code
   * SOURCE}.
   *
   * @throws JobArgumentException if a spec is malformed, names a field the job does not read, or
   *     maps a field twice
   */
  public JobArguments withFieldMapping(List<String> specs) {
    return new JobArguments(this, rate, FieldMapping.parse(specs, inputFields, jobName), kafka);
  }

  /** Which input field each of the job's fields is read from; {@link FieldMapping#NONE} if none. */
  public FieldMapping fieldMapping() {
    return fieldMapping;
  }

  /**
   * How many records per second the job's source may read, over all its subtasks ({@code
   * --rate}); empty for no limit. Jobs pass it to {@code FileSource.Builder.withRate}.
   */
  public OptionalLong rate() {
    return rate > 0 ? OptionalLong.of(rate) : OptionalLong.empty();
  }

  /** True if the option was given, or has a default. */
  public boolean isSet(String option) {
    return given.containsKey(option) || declaredOption(option).hasDefault();
  }

  /** The option's value as given, else its default, else empty. */
  public Optional<String> findString(String option) {
    String value = given.get(option);
    return Optional.ofNullable(value != null ? value : declaredOption(option).defaultValue());
  }

  /** The option's value as given, else its default. */
  public String getString(String option) {
    return findString(option).orElseThrow(
        () -> new JobArgumentException("option " + option + " requires a value"));
  }

  /** The option's value as a path, or empty if it was not given and has no default. */
  public Optional<Path> findPath(String option) {
    Optional<String> value = findString(option);
    if (value.isPresent() && value.get().isBlank()) {
      throw invalid(option, value.get(), "expected a file name");
    }
    return value.map(Path::of);
  }

  /**
   * The option's value as an {@link Endpoint} (a file or {@code kafka:TOPIC}), or empty if it
   * was not given and has no default. For the options naming an input or output.
   */
  public Optional<Endpoint> findEndpoint(String option) {
    return findString(option).map(value -> Endpoint.parse(option, value));
  }

  /** The option's value as a finite decimal number. */
  public double getDouble(String option) {
    String text = getString(option);
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw invalid(option, text, "not a number");
    }
    if (!Double.isFinite(value)) {
      throw invalid(option, text, "not a finite number");
    }
    return value;
  }

  /** The option's value as a whole number. */
  public long getLong(String option) {
    String text = getString(option);
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw invalid(option, text, "not a whole number");
    }
  }

  /**
   * The option's value as a duration: a whole number with a unit ({@code 500ms}, {@code 10s},
   * {@code 5m}, {@code 1h}, {@code 2d}), a bare {@code 0}, or ISO-8601 ({@code PT1M30S}).
   * Negative durations are rejected.
   */
  public Duration getDuration(String option) {
    return duration(option, getString(option));
  }

  /**
   * {@code text}, the value of {@code option}, as a duration: as {@link #getDuration}, for
   * options declared elsewhere (the command's own).
   *
   * @throws JobArgumentException naming the option and the value if it is not a duration or is
   *     negative
   */
  public static Duration duration(String option, String text) {
    Duration duration = parseDuration(text.trim());
    if (duration == null) {
      throw invalid(option, text, "expected a duration such as 500ms, 10s, 5m, 1h, 2d or PT1M30S");
    }
    if (duration.isNegative()) {
      throw invalid(option, text, "must not be negative");
    }
    return duration;
  }

  /** As {@link #getDuration}, but the duration must be at least one millisecond. */
  public Duration getPositiveDuration(String option) {
    Duration duration = getDuration(option);
    if (duration.toMillis() < 1) {
      throw invalid(option, getString(option), "must be at least 1ms");
    }
    return duration;
  }

  @Override
  public String toString() {
    return "JobArguments{" + jobName + ", input=" + input + ", output=" + output
        + ", parallelism=" + parallelism + (rate > 0 ? ", rate=" + rate : "")
        + (fieldMapping.isEmpty() ? "" : ", fields=" + fieldMapping)
        + ", options=" + given + "}";
  }

  private static Duration parseDuration(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SHORT_DURATION.matcher(text);
    if (m.matches()) {
      long amount;
      try {
        amount = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return null;
      }
      try {
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      } catch (ArithmeticException e) {
        return null;
      }
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private JobOption declaredOption(String option) {
    JobOption declaredOption = declared.get(option);
    if (declaredOption == null) {
      // The job asks for an option it does not declare: a bug in the job, not in the command line.
      throw new IllegalArgumentException(
          "job '" + jobName + "' reads option " + option + " but does not declare it");
    }
    return declaredOption;
  }

  private static JobArgumentException invalid(String option, String value, String why) {
    return new JobArgumentException(
        "invalid value '" + value + "' for option " + option + ": " + why);
  }
}
