package dev.runnel.examples;

import dev.runnel.api.StreamEnvironment;
import java.util.List;

/**
 * A job packaged so that a tool (the {@code runnel} command) can list it, show its options and run
 * it on an input file without knowing anything about it. Implementations are registered as
 * services in {@code META-INF/services/dev.runnel.examples.PackagedJob} and found by {@link
 * PackagedJobs}; they need a public no-argument constructor and must be stateless, because one
 * instance may build several jobs.
 *
 * <p><b>Naming.</b> So that tools can report how many records a job read and wrote, a job names
 * the source reading its input {@value #INPUT_STEP}, the sink writing its output {@value
 * #OUTPUT_STEP} and, if it has them, the sink of rejected records {@value #DEAD_LETTER_STEP} and
 * the sink of late records {@value #LATE_STEP}.
 */
public interface PackagedJob {
  /** Name of the step that reads the job's input file. */
  String INPUT_STEP = "input";

  /** Name of the sink that writes the job's output file. */
  String OUTPUT_STEP = "output";

  /** Name of the sink that writes records the job could not decode, when it has one. */
  String DEAD_LETTER_STEP = "dead-letters";

  /** Name of the sink that writes records that came too late for event time, when it has one. */
  String LATE_STEP = "late-output";

  /**
   * How the names of a job's options that name an output file end ({@code --dead-letter-output},
   * {@code --late-output}): tools treat such options like {@code --output}, checking for the
   * output of an earlier run there and accepting {@code -} for standard output.
   */
  String OUTPUT_OPTION_SUFFIX = "-output";

  /** The job's name, as typed on the command line: lower case words joined by dashes. */
  String name();

  /** One line saying what the job computes. */
  String description();

  /** The job's own options, besides input, output and parallelism; may be empty. */
  List<JobOption> options();

  /**
   * The fields the job reads from each input JSON object, in the job's vocabulary; {@code --field
   * NAME=SOURCE} maps one of them to another input field ({@link JobArguments#fieldMapping()}).
   * Other fields of the input are ignored.
   */
  default List<JobField> inputFields() {
    return List.of();
  }

  /** The fields of each output JSON line, in the order they are written. */
  default List<JobField> outputFields() {
    return List.of();
  }

  /**
   * Adds the job's sources, operators and sinks to {@code env}, reading its input from {@link
   * JobArguments#input()} (at most {@link JobArguments#rate()} records per second, when set; its
   * fields named as {@link JobArguments#fieldMapping()} says) and writing to {@link
   * JobArguments#output()}. The caller has already set
   * the environment's parallelism and runs the job afterwards.
   *
   * @throws JobArgumentException if an option has a value the job cannot use
   */
  void build(StreamEnvironment env, JobArguments args);
}
