package dev.runnel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runnel run}: the parent of one subcommand per packaged job ({@link JobCommand}). Run on
 * its own, without a job name, it is a usage error.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Runs a packaged job over a file or a Kafka topic until the input ends (or "
        + "Ctrl-C).",
    footer = {"", "See 'runnel list' for the jobs and 'runnel run JOB --help' for their options."})
final class RunCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing job name (see 'runnel list')");
  }
}
