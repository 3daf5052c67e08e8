package dev.runnel.cli;

import dev.runnel.api.checkpoint.CheckpointConfig;
import dev.runnel.examples.JobArgumentException;
import dev.runnel.examples.JobArguments;
import dev.runnel.examples.PackagedJobs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel savepoint JOB [--checkpoint-dir DIR] [--target DIR] [--timeout DURATION]}: asks
 * the job {@code JOB}, running in another {@code runnel run} process with checkpointing and the
 * same checkpoint directory, for a savepoint, and prints the savepoint's folder on standard
 * output. The request goes through files, see {@link SavepointRequests}.
 */
@Command(
    name = "savepoint",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Asks a job running with checkpointing in another 'runnel run' process for a savepoint "
            + "and prints its path.",
        "The job keeps running; restore from the savepoint with 'runnel run JOB … --restore "
            + "PATH'."},
    footer = {"", "Exit codes: 0 savepoint taken, 1 no running job answered or the savepoint "
        + "failed, 2 bad command line."})
final class SavepointCommand implements Callable<Integer> {
  private final PackagedJobs jobs;

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "JOB", description = "the name of the running job (see 'runnel list')")
  private String jobName;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "the checkpoint directory the job runs with (default: ./checkpoints)")
  private Path checkpointDir = CheckpointConfig.DEFAULT_DIRECTORY;

  @Option(names = "--target", paramLabel = "DIR",
      description = "write the savepoint into DIR/savepoint-<n>/ (default: the job's "
          + "<checkpoint dir>/<job>/savepoints)")
  private Path target;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "give up if no savepoint is reported within this time (default: "
          + "${DEFAULT-VALUE})")
  private String timeout;

  SavepointCommand(PackagedJobs jobs) {
    this.jobs = jobs;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (jobs.find(jobName).isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "unknown job '" + jobName + "' (see 'runnel list')");
    }
    Duration wait;
    try {
      wait = JobArguments.duration("--timeout", timeout);
    } catch (JobArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (wait.toMillis() < 1) {
      throw new ParameterException(spec.commandLine(),
          "invalid value '" + timeout + "' for option --timeout: must be at least 1ms");
    }
    PrintWriter err = spec.commandLine().getErr();
    try {
      Path savepoint = SavepointRequests.request(
          SavepointRequests.folder(checkpointDir, jobName), target, wait);
      PrintWriter out = spec.commandLine().getOut();
      out.println(savepoint);
      out.flush();
      return 0;
    } catch (SavepointRequests.NoAnswerException | SavepointRequests.FailedException e) {
      String what = e instanceof SavepointRequests.FailedException ? "failed: " : "not taken: ";
      err.println("runnel: savepoint of job '" + jobName + "' " + what
          + ErrorReporter.oneLine(e.getMessage()));
      err.flush();
      return ErrorReporter.FAILED;
    }
  }
}
